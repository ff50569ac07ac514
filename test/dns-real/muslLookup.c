/*
 * The real-resolver test's musl program: getaddrinfo(NAME, AF_INET) as an Alpine Pod's process
 * makes it, built with `musl-gcc -static`. Prints one IPv4 address a line; exits 0 with an answer,
 * 2 without (EAI_NONAME, EAI_NODATA, ...), like `getent ahostsv4`.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int main(int argc, char **argv) {
  struct addrinfo hints, *result, *entry;
  char text[INET_ADDRSTRLEN];
  if (argc != 2) return 64;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(argv[1], NULL, &hints, &result) != 0) return 2;
  for (entry = result; entry; entry = entry->ai_next) {
    struct sockaddr_in *address = (struct sockaddr_in *)entry->ai_addr;
    printf("%s STREAM\n", inet_ntop(AF_INET, &address->sin_addr, text, sizeof text));
  }
  freeaddrinfo(result);
  return 0;
}

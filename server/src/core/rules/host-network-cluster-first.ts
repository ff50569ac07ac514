import { podTemplateOf } from '../model/podView';
import { replaceValue } from './textEdits';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'host-network-cluster-first',
    description: 'A `hostNetwork` Pod with `dnsPolicy: ClusterFirst` silently gets the node\'s DNS settings (policy Default), so cluster names do not resolve; hostNetwork Pods need ClusterFirstWithHostNet.',
    remediation: 'Use `dnsPolicy: ClusterFirstWithHostNet` for a hostNetwork Pod that must resolve cluster names, or `Default` to say the node resolver is intended.',
    severity: 'warning',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ScaledJob'],
    scope: 'object',
    messages: {
      fallsBack: 'dnsPolicy ClusterFirst with hostNetwork: true falls back to the Default policy (the node\'s resolv.conf), so cluster Service names do not resolve; use ClusterFirstWithHostNet.',
    },
    example: {
      wrong: 'kind: DaemonSet\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      dnsPolicy: ClusterFirst',
      right: 'kind: DaemonSet\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      dnsPolicy: ClusterFirstWithHostNet',
    },
  },
  check(context, object) {
    const template = podTemplateOf(object);
    // an unset dnsPolicy also falls back, but on a hostNetwork Pod that is usually what its author wants
    if (!template?.spec.hostNetwork || template.spec.dnsPolicy !== 'ClusterFirst') return;
    const path = [...template.templatePath, 'spec', 'dnsPolicy'];
    context.report({
      messageId: 'fallsBack',
      path,
      fix: (fixContext) => {
        const edits = replaceValue(fixContext, object, path, 'ClusterFirstWithHostNet');
        return edits ? { title: 'Use dnsPolicy: ClusterFirstWithHostNet', edits } : undefined;
      },
    });
  },
});

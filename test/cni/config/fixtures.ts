// cni.md §5 default fixtures: the runtime conf RT's capability args, the list L3(v) and R_canon.
export const RT_CAPABILITY_ARGS = {
  portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  mac: '02:00:00:00:00:01',
  unused: 1,
} as const;

export const L3 = (v: string): string => `{"cniVersion":"${v}","name":"net1","plugins":[
  {"type":"pA","zeta":1,"alpha":{"b":2,"a":1},"capabilities":{"portMappings":true,"mac":false},"runtimeConfig":{"static":true}},
  {"type":"pB","capabilities":{"mac":true}},
  {"type":"pC","prevResult":{"bogus":true},"html":"<a&b>"}]}`;

export const R_CANON = '{"cniVersion":"1.0.0","interfaces":[{"mac":"00:11:22:33:44:55","name":"eth0","sandbox":"/var/run/netns/x"}],"ips":[{"address":"10.1.2.3/24","gateway":"10.1.2.1","interface":0},{"address":"2001:db8::3/64"}],"routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"}]}';

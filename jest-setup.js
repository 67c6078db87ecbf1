// The scaffold's setup mocks browser APIs; tests that run in the node environment (kube-sim, the proxy
// harness, plugin.json checks) have no DOM to mock.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');

  // jsdom has no MessageChannel, and React 19's react-dom/server (which @grafana/ui 13 imports) opens one
  // when it loads. Messages are delivered on a macrotask, as in a browser; React's scheduler then takes this
  // channel instead of its setTimeout fallback, which is the same timing.
  if (typeof global.MessageChannel === 'undefined') {
    class Port {
      constructor() {
        this.onmessage = null;
        this.peer = undefined;
        this.closed = false;
      }
      postMessage(data) {
        const peer = this.peer;
        setTimeout(() => {
          if (!peer.closed && typeof peer.onmessage === 'function') {
            peer.onmessage({ data, target: peer });
          }
        }, 0);
      }
      addEventListener(type, listener) {
        if (type === 'message') {
          this.onmessage = listener;
        }
      }
      removeEventListener(type, listener) {
        if (type === 'message' && this.onmessage === listener) {
          this.onmessage = null;
        }
      }
      start() {}
      close() {
        this.closed = true;
      }
    }
    global.MessageChannel = class MessageChannel {
      constructor() {
        this.port1 = new Port();
        this.port2 = new Port();
        this.port1.peer = this.port2;
        this.port2.peer = this.port1;
      }
    };
  }
}

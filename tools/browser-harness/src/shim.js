// The browser harness's stand-in for Tauri's global API: the UI's invoke(cmd, args) goes to
// the harness over fetch, which runs the app's own command handler. Served by the harness
// only; the shipped app never contains it.
(() => {
  const invoke = async (cmd, args = {}) => {
    const response = await fetch('__invoke__', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ cmd, args }),
    });
    const answer = await response.json();
    if (Object.prototype.hasOwnProperty.call(answer, 'error')) throw answer.error;
    return answer.ok;
  };
  Object.defineProperty(window, '__TAURI__', { value: Object.freeze({ core: Object.freeze({ invoke }) }) });
})();

// The words the page's scripts show, in the reader's language: the JSON block the layout
// writes (#words), from the js.* messages. word('key', a, b) fills {0}, {1}; a missing key
// shows itself, so that a forgotten message is seen rather than hidden.
(() => {
  'use strict';
  const block = document.getElementById('words');
  const words = block ? JSON.parse(block.textContent) : {};
  window.word = (key, ...values) => {
    const text = words[key] ?? key;
    return text.replace(/\{(\d+)\}/g, (placeholder, index) =>
      (Number(index) < values.length ? String(values[Number(index)]) : placeholder));
  };
})();

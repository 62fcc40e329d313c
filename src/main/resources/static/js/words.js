// The words the page's scripts show, in the reader's language: the JSON block the layout
// writes (#words), from the js.* messages. word('name', a, b) fills {0}, {1}; a missing key
// shows itself, so that a forgotten message is seen rather than hidden.
(() => {
  'use strict';
  const block = document.getElementById('words');
  const words = block ? JSON.parse(block.textContent) : {};
  window.word = (name, ...values) => {
    const text = words[name] ?? name;
    return text.replace(/\{(\d+)\}/g, (placeholder, index) =>
      (Number(index) < values.length ? String(values[Number(index)]) : placeholder));
  };
})();

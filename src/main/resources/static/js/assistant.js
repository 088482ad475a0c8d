// The assistant panel: posts the question to the agents API's event stream with the page's own cookie (and its CSRF
// token) and renders seed 002's events as they arrive. Text segments and tool cards keep their arrival order inside the
// assistant's bubble; everything is written as text, never as HTML.
(function () {
  'use strict';
  var form = document.querySelector('form.assistant-ask');
  if (!form || !window.fetch || !window.TextDecoder || !window.ReadableStream) { return; }
  var log = document.querySelector('.assistant-log');
  var errorBox = document.querySelector('.assistant-error');
  var status = form.querySelector('.assistant-status');
  var input = form.querySelector('textarea');
  var conversation = form.querySelector('input[name=conversationId]');
  var button = form.querySelector('button[type=submit]');

  function csrf() {
    var cookie = document.cookie.split('; ').filter(function (c) { return c.indexOf('lyceum_csrf=') === 0; })[0];
    return cookie ? decodeURIComponent(cookie.substring('lyceum_csrf='.length)) : '';
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function pretty(value) {
    var text = JSON.stringify(value, null, 2) || '';
    return text.length > 4000 ? text.substring(0, 4000) + '…' : text;
  }

  function actionOf(result) {
    try {
      var text = result.result.content[0].text;
      return JSON.parse(text).__frontendAction;
    } catch (e) { return null; }
  }

  function renderAction(card, action) {
    if (!action) { return; }
    var box = el('p', 'frontend-action ' + action.type);
    if (action.type === 'payment') {
      box.textContent = action.description + ' · ' + (action.amount / 100).toFixed(2) + ' ' + action.currency;
    } else if (action.type === 'dataView') {
      var link = el('a', null, action.title);
      link.href = action.routePath;
      box.appendChild(link);
    } else if (action.type === 'qrcode') {
      var qr = el('a', null, action.title);
      qr.href = action.value;
      box.appendChild(qr);
    }
    card.appendChild(box);
  }

  function start(bubble) {
    var state = { bubble: bubble, lastText: null, tools: [] };
    return function (event, data) {
      if (event === 'start') {
        conversation.value = data.conversationId;
        if (window.history && history.replaceState) {
          history.replaceState(null, '', '/assistant?conversation=' + data.conversationId);
        }
      } else if (event === 'text') {
        if (!state.lastText) {
          state.lastText = el('p', 'segment text', '');
          state.bubble.appendChild(state.lastText);
        }
        state.lastText.textContent += data.content;
      } else if (event === 'tool_start') {
        var card = el('details', 'segment tool running');
        card.appendChild(el('summary', null, data.tool));
        state.bubble.appendChild(card);
        state.tools.push(card);
        state.lastText = null;
      } else if (event === 'tool_executing') {
        var running = state.tools[state.tools.length - 1];
        if (running) { running.appendChild(el('pre', 'args', pretty(data.args))); }
      } else if (event === 'tool_result') {
        var done = state.tools[state.tools.length - 1];
        if (done) {
          done.classList.remove('running');
          done.classList.add(data.success ? 'complete' : 'error');
          done.appendChild(el('pre', 'result', pretty(data.success ? data.result : data.error)));
          if (data.success) { renderAction(done, actionOf(data.result)); }
        }
      } else if (event === 'error') {
        errorBox.textContent = data.message;
        errorBox.hidden = false;
        status.textContent = form.getAttribute('data-failed');
      } else if (event === 'done') {
        status.textContent = form.getAttribute('data-done');
      }
    };
  }

  function dispatch(block, handle) {
    var name = null;
    var data = '';
    block.split('\n').forEach(function (line) {
      if (line.indexOf('event: ') === 0) { name = line.substring(7); }
      else if (line.indexOf('data: ') === 0) { data += line.substring(6); }
    });
    if (name) { handle(name, data ? JSON.parse(data) : {}); }
  }

  form.addEventListener('submit', function (submit) {
    submit.preventDefault();
    var message = input.value.trim();
    if (!message) { return; }
    errorBox.hidden = true;
    var mine = el('li', 'bubble user');
    mine.appendChild(el('p', 'segment text', message));
    log.appendChild(mine);
    var bubble = el('li', 'bubble assistant');
    log.appendChild(bubble);
    var handle = start(bubble);
    input.value = '';
    button.disabled = true;
    status.textContent = form.getAttribute('data-running');
    var body = { message: message };
    if (conversation.value) { body.conversationId = conversation.value; }
    fetch('/api/v1/agents/chat/stream', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream', 'X-CSRF-Token': csrf() },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (problem) {
          handle('error', { message: problem.detail || problem.title, code: problem.code });
        });
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function read() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.substring(0, end), handle);
            buffer = buffer.substring(end + 2);
          }
          return read();
        });
      }
      return read();
    }).catch(function () {
      handle('error', { message: form.getAttribute('data-failed') });
    }).then(function () {
      button.disabled = false;
      input.focus();
    });
  });
})();

// A conversation page follows its room over the realtime hub (/api/v1/ws), authenticated by the page's own cookie:
// new messages appear, the other side's typing and read receipts show; the form posts over the socket when it is open.
(function () {
  'use strict';
  var main = document.querySelector('main[data-room]');
  if (!main || !window.WebSocket) { return; }
  var room = main.getAttribute('data-room');
  var me = main.getAttribute('data-me');
  var lastSeq = parseInt(main.getAttribute('data-last-seq') || '0', 10);
  var list = main.querySelector('ol.messages');
  var typing = main.querySelector('.typing');
  var receipt = main.querySelector('.receipt');
  var form = main.querySelector('form.compose');
  var socket = null;
  var typingTimer = null;
  var stopTimer = null;

  function add(message) {
    if (message.seq <= lastSeq) { return; }
    lastSeq = message.seq;
    var item = document.createElement('li');
    item.setAttribute('data-seq', message.seq);
    item.className = message.messageType === 'system' ? 'system'
      : message.messageType === 'warning' ? 'warning' : (message.senderId === me ? 'mine' : 'theirs');
    if (message.senderName) {
      var sender = document.createElement('span');
      sender.className = 'sender';
      sender.textContent = message.senderName;
      item.appendChild(sender);
    }
    var text = document.createElement('p');
    text.textContent = message.body || '';
    item.appendChild(text);
    list.appendChild(item);
    if (message.senderId !== me) {
      socket.send(JSON.stringify({ type: 'read', roomId: room, seq: message.seq }));
    }
  }

  function connect() {
    socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/v1/ws');
    socket.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      if (frame.type === 'authenticated') {
        socket.send(JSON.stringify({ type: 'join', roomId: room, lastSeq: lastSeq }));
      } else if (frame.type === 'history' && frame.order === 'oldest_first') {
        frame.messages.forEach(add);
      } else if (frame.type === 'message' && frame.roomId === room) {
        add(frame.message);
        typing.hidden = true;
      } else if (frame.type === 'typing' && frame.userId !== me) {
        typing.hidden = false;
      } else if (frame.type === 'stopTyping') {
        typing.hidden = true;
      } else if (frame.type === 'read' && frame.userId !== me && frame.seq >= lastSeq) {
        receipt.hidden = false;
      } else if (frame.type === 'ack' && form) {
        form.querySelector('textarea').value = '';
      } else if (frame.type === 'error' && frame.message) {
        typing.hidden = false;
        typing.textContent = frame.message;
      }
    };
    socket.onclose = function (event) {
      socket = null;
      // 4001: the access token expired; reload so the page refreshes the session, then resume from lastSeq
      if (event.code === 4001) { location.reload(); return; }
      if (event.code !== 4401) { setTimeout(connect, 2000); }
    };
  }

  if (form) {
    var area = form.querySelector('textarea');
    area.addEventListener('input', function () {
      if (!socket || socket.readyState !== 1) { return; }
      if (!typingTimer) {
        socket.send(JSON.stringify({ type: 'typing', roomId: room }));
        typingTimer = setTimeout(function () { typingTimer = null; }, 2000);
      }
      clearTimeout(stopTimer);
      stopTimer = setTimeout(function () {
        if (socket && socket.readyState === 1) { socket.send(JSON.stringify({ type: 'stopTyping', roomId: room })); }
      }, 2500);
    });
    form.addEventListener('submit', function (event) {
      if (!socket || socket.readyState !== 1 || !area.value.trim()) { return; }
      event.preventDefault();
      receipt.hidden = true;
      socket.send(JSON.stringify({ type: 'send', roomId: room, clientId: 'web-' + Date.now(),
        content: { body: area.value } }));
    });
  }
  connect();
})();

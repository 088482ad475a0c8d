// Saving a card: as Stripe.js does, the card goes from the browser to the payment provider (here the sandbox, on this
// origin), which answers a token; only the token is submitted to Lyceum. The card fields have no name, so the form
// never sends them.
(function () {
  'use strict';
  var form = document.getElementById('card-form');
  if (!form || !window.fetch) { return; }
  var error = document.getElementById('card-error');
  function value(id) { return document.getElementById(id).value.replace(/\s+/g, ''); }
  function csrf() {
    var c = document.cookie.split('; ').filter(function (x) { return x.indexOf('lyceum_csrf=') === 0; })[0];
    return c ? decodeURIComponent(c.substring('lyceum_csrf='.length)) : '';
  }
  form.addEventListener('submit', function (event) {
    if (document.getElementById('paymentMethodId').value) { return; }
    event.preventDefault();
    error.hidden = true;
    fetch(form.getAttribute('data-tokenize'), {
      method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf()},
      body: JSON.stringify({
        number: value('card-number'), expMonth: parseInt(value('card-month'), 10),
        expYear: parseInt(value('card-year'), 10), cvc: value('card-cvc')
      })
    }).then(function (response) {
      return response.json().then(function (body) { return {ok: response.ok, body: body}; });
    }).then(function (answer) {
      if (answer.ok && answer.body.id) {
        document.getElementById('paymentMethodId').value = answer.body.id;
        form.submit();
      } else {
        var b = answer.body || {};
        error.textContent = (b.error && b.error.message) || b.detail || b.title || form.getAttribute('data-refused');
        error.hidden = false;
      }
    }).catch(function () {
      error.textContent = form.getAttribute('data-unreachable');
      error.hidden = false;
    });
  });
})();

// Lyceum pages: the only script besides htmx (served from this origin, so the Content-Security-Policy allows it).
(function () {
  'use strict';
  // The browser's time zone, so anonymous visitors see times in their own zone; reload once when it changes them.
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
  if (zone) {
    var had = document.cookie.split('; ').some(function (c) { return c === 'lyceum_tz=' + encodeURIComponent(zone); });
    if (!had) {
      document.cookie = 'lyceum_tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax';
      var rendered = document.body && document.body.getAttribute('data-zone');
      if (rendered && rendered !== zone && document.body.hasAttribute('data-anonymous')) { location.reload(); }
    }
    document.querySelectorAll('input[data-fill="timezone"]').forEach(function (input) {
      if (!input.value) { input.value = zone; }
    });
  }
  // The access cookie lives 15 minutes; the refresh cookie is sent only to /api/v1/auth. When a page was rendered for
  // an anonymous visitor but the CSRF cookie of a session is still here, renew the session once and show the page
  // again signed in (the double-submit header is the CSRF cookie's value, as for any cookie-mode client).
  var csrf = document.cookie.split('; ').filter(function (c) { return c.indexOf('lyceum_csrf=') === 0; })[0];
  if (csrf && document.body && document.body.hasAttribute('data-anonymous') && window.fetch
      && !sessionStorage.getItem('lyceum_refresh_tried')) {
    sessionStorage.setItem('lyceum_refresh_tried', '1');
    fetch('/api/v1/auth/refresh', {
      method: 'POST', credentials: 'same-origin',
      headers: {'X-Auth-Mode': 'cookie', 'X-CSRF-Token': decodeURIComponent(csrf.substring('lyceum_csrf='.length))}
    }).then(function (response) {
      if (response.ok) { sessionStorage.removeItem('lyceum_refresh_tried'); location.reload(); }
    });
  } else if (document.body && !document.body.hasAttribute('data-anonymous')) {
    sessionStorage.removeItem('lyceum_refresh_tried');
  }
  // Forms that ask before acting (cancel, decline, reject): the question is in data-confirm.
  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();

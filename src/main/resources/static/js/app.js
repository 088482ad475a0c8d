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
  // Forms that ask before acting (cancel, decline, reject): the question is in data-confirm.
  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();

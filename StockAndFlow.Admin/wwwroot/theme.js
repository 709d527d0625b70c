// StockAndFlow admin: applies the remembered colour mode before the page paints (loaded in <head>),
// so a dark-mode reader never sees a white flash. admin.js owns the toggle.
(function () {
    'use strict';
    var stored = null;
    try {
        stored = window.localStorage.getItem('stockandflow-admin-theme');
    } catch (e) {
        // Storage may be disabled; fall back to the system preference.
    }
    var theme = stored === 'dark' || stored === 'light'
        ? stored
        : (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
    document.documentElement.setAttribute('data-bs-theme', theme);
})();

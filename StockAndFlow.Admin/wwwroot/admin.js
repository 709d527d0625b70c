// StockAndFlow admin: theme toggle, row filter, members selection and execution progress, plus the
// small helpers charts.js shares (window.stockFlowAdmin). No build step and no inline script (the CSP
// forbids it): pages pass what this needs in data-* attributes, and numbers come from JSON endpoints.
(function () {
    'use strict';

    var THEME_KEY = 'stockandflow-admin-theme';
    var html = document.documentElement;

    function problemText(response, fallback) {
        return response.json().then(function (problem) {
            return problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : fallback;
        }, function () {
            return fallback;
        });
    }

    function fetchJson(url) {
        return window.fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (response) {
            if (!response.ok) {
                return problemText(response, 'HTTP ' + response.status).then(function (text) {
                    throw new Error(text);
                });
            }
            return response.json();
        });
    }

    function say(element, text) {
        if (element) {
            element.textContent = text;
        }
    }

    var numbers = new Intl.NumberFormat('en-US');

    // ---- theme ---------------------------------------------------------------------------------

    function currentTheme() {
        return html.getAttribute('data-bs-theme') === 'dark' ? 'dark' : 'light';
    }

    function showThemeLabels() {
        var next = currentTheme() === 'dark' ? 'Light' : 'Dark';
        document.querySelectorAll('[data-theme-label]').forEach(function (label) {
            label.textContent = next;
        });
        document.querySelectorAll('[data-theme-toggle]').forEach(function (button) {
            button.setAttribute('aria-pressed', currentTheme() === 'dark' ? 'true' : 'false');
        });
    }

    function setTheme(theme) {
        html.setAttribute('data-bs-theme', theme);
        try {
            window.localStorage.setItem(THEME_KEY, theme);
        } catch (e) {
            // Not remembered, still applied.
        }
        showThemeLabels();
        document.dispatchEvent(new CustomEvent('stockandflow-admin:theme', { detail: theme }));
    }

    function initTheme() {
        showThemeLabels();
        document.querySelectorAll('[data-theme-toggle]').forEach(function (button) {
            button.addEventListener('click', function () {
                setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
            });
        });
    }

    // ---- client-side row filter (index) ----------------------------------------------------------

    function initRowFilter() {
        document.querySelectorAll('[data-filter-rows]').forEach(function (input) {
            var scope = document.querySelector(input.getAttribute('data-filter-rows'));
            if (!scope) {
                return;
            }
            var apply = function () {
                var term = input.value.trim().toLowerCase();
                var shown = 0;
                scope.querySelectorAll('[data-filter-text]').forEach(function (row) {
                    var match = !term || row.getAttribute('data-filter-text').toLowerCase().indexOf(term) >= 0;
                    row.hidden = !match;
                    if (match) {
                        shown++;
                    }
                });
                scope.querySelectorAll('[data-filter-group]').forEach(function (group) {
                    group.hidden = !group.querySelector('[data-filter-text]:not([hidden])');
                });
                var empty = scope.querySelector('[data-filter-empty]');
                if (empty) {
                    empty.classList.toggle('d-none', shown > 0);
                }
            };
            input.addEventListener('input', apply);
            apply();
        });
    }

    // ---- members: select rows, a page, or all matching -----------------------------------------

    function initMembers() {
        var form = document.querySelector('[data-members-form]');
        if (!form) {
            return;
        }
        var checks = Array.prototype.slice.call(form.querySelectorAll('[data-row-check]'));
        var pageBox = form.querySelector('[data-select-page]');
        var allScope = form.querySelector('[data-scope="all"]');
        var count = form.querySelector('[data-selected-count]');
        var total = parseInt(form.getAttribute('data-total') || '0', 10);

        var update = function () {
            var all = !!(allScope && allScope.checked);
            var selected = checks.filter(function (c) { return c.checked; }).length;
            checks.forEach(function (c) {
                c.disabled = all; // not submitted: the filter, not the keys, is the selection
            });
            if (pageBox) {
                pageBox.disabled = all;
                pageBox.checked = selected > 0 && selected === checks.length;
                pageBox.indeterminate = selected > 0 && selected < checks.length;
            }
            say(count, String(selected));
            form.querySelectorAll('[data-action-button]').forEach(function (button) {
                button.disabled = all ? total === 0 : selected === 0;
            });
        };

        if (pageBox) {
            pageBox.addEventListener('change', function () {
                checks.forEach(function (c) {
                    c.checked = pageBox.checked;
                });
                update();
            });
        }
        form.addEventListener('change', update);
        update();
    }

    // ---- execution progress --------------------------------------------------------------------

    function initExecution() {
        var card = document.querySelector('[data-execution][data-finished="false"]');
        if (!card) {
            return;
        }
        var url = card.getAttribute('data-poll-url');
        var bar = card.querySelector('[data-stockandflow-admin="progress-bar"]');
        var text = card.querySelector('[data-stockandflow-admin="progress-text"]');
        var status = card.querySelector('[data-stockandflow-admin="status"]');
        var poll = function () {
            fetchJson(url).then(function (execution) {
                var percent = execution.selected > 0 ? Math.min(100, Math.round(100 * execution.processed / execution.selected)) : 0;
                if (bar) {
                    bar.style.width = percent + '%';
                    bar.textContent = percent + '%';
                    bar.parentElement.setAttribute('aria-valuenow', String(percent));
                }
                say(text, numbers.format(execution.processed) + ' of ' + numbers.format(execution.selected) + ' rows processed');
                say(status, execution.status);
                if (execution.status === 'Succeeded' || execution.status === 'Failed' || execution.status === 'Interrupted') {
                    window.location.reload();
                    return;
                }
                window.setTimeout(poll, 1000);
            }, function () {
                window.setTimeout(poll, 3000);
            });
        };
        window.setTimeout(poll, 500);
    }

    // A select that applies itself: its form is sent when it changes (no inline handlers under the CSP).
    document.querySelectorAll('select[data-submit-on-change]').forEach(function (select) {
        select.addEventListener('change', function () { select.form.submit(); });
    });

    window.stockFlowAdmin = { fetchJson: fetchJson, say: say, numbers: numbers };

    initTheme();
    initRowFilter();
    initMembers();
    initExecution();
})();

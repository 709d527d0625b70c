// The stock bridge (waterfall): opening, each inflow up, each outflow down, moves no flow records,
// unexplained (highlighted) and closing, from {admin}/api/stocks/{slug}/bridge.
(function () {
    'use strict';

    var COLORS = {
        opening: '#6c757d', closing: '#0d6efd', inflow: '#198754', outflow: '#dc3545',
        undeclared: '#adb5bd', reassigned: '#6f42c1', unexplained: '#fd7e14'
    };

    function say(canvas, text) {
        var status = canvas.parentElement && canvas.parentElement.parentElement.querySelector('[data-bridge-status]');
        if (status) {
            status.textContent = text;
        }
    }

    function draw(canvas, bridge) {
        var bars = bridge.bars || [];
        if (bars.length === 0) {
            say(canvas, 'No recount yet: the recount job stores a bridge each time it runs.');
            return;
        }
        var config = {
            type: 'bar',
            data: {
                labels: bars.map(function (b) { return b.label; }),
                datasets: [{
                    label: 'Members',
                    data: bars.map(function (b) { return [Math.min(b.start, b.end), Math.max(b.start, b.end)]; }),
                    backgroundColor: bars.map(function (b) { return COLORS[b.term] || COLORS.undeclared; }),
                    borderColor: bars.map(function (b) { return b.term === 'unexplained' && b.amount !== 0 ? '#000' : 'transparent'; }),
                    borderWidth: bars.map(function (b) { return b.term === 'unexplained' && b.amount !== 0 ? 2 : 0; })
                }]
            },
            options: {
                responsive: true, maintainAspectRatio: false, animation: false,
                plugins: {
                    legend: { display: false },
                    tooltip: { callbacks: { label: function (item) { var b = bars[item.dataIndex]; return b.term + ': ' + (b.term === 'opening' || b.term === 'closing' ? b.amount : (b.amount > 0 ? '+' : '') + b.amount); } } }
                },
                scales: { y: { beginAtZero: false, ticks: { precision: 0 } } }
            }
        };
        if (canvas.stockAndFlowAdminBridge) {
            canvas.stockAndFlowAdminBridge.destroy();
        }
        canvas.stockAndFlowAdminBridge = new window.Chart(canvas, config);
        canvas.setAttribute('data-chart-ready', 'true');
        say(canvas, bridge.unexplained !== 0
            ? 'Unexplained: ' + bridge.unexplained + ' members changed without a captured write (an ExecuteUpdate, raw SQL or another application).'
            : '');
    }

    document.querySelectorAll('canvas[data-bridge-url]').forEach(function (canvas) {
        window.fetch(canvas.getAttribute('data-bridge-url'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('HTTP ' + response.status);
                }
                return response.json();
            })
            .then(function (bridge) { draw(canvas, bridge); }, function (error) { say(canvas, 'Could not load the bridge: ' + error.message); });
    });
})();

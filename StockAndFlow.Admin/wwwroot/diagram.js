// Live stock-and-flow diagrams: stocks as boxes with their live counts, every flow as an arrow per
// stock pair with its events over the chosen range, the outside as clouds. Laid out by dagre, drawn
// as SVG; a table of the same numbers follows for screen readers and copying.
(function () {
    'use strict';

    var svgNs = 'http://www.w3.org/2000/svg';
    var numbers = new Intl.NumberFormat(undefined);

    function svg(name, attributes, parent) {
        var node = document.createElementNS(svgNs, name);
        Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
        if (parent) { parent.appendChild(node); }
        return node;
    }

    function titled(node, text) {
        svg('title', {}, node).textContent = text;
        return node;
    }

    function html(name, text, parent, className) {
        var node = document.createElement(name);
        if (text !== undefined && text !== null) { node.textContent = text; }
        if (className) { node.className = className; }
        if (parent) { parent.appendChild(node); }
        return node;
    }

    function link(template, slug) {
        return template.replace('__slug__', encodeURIComponent(slug));
    }

    function layout(data) {
        var graph = new dagre.graphlib.Graph({ multigraph: true });
        graph.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 110, edgesep: 24, marginx: 12, marginy: 12 });
        graph.setDefaultEdgeLabel(function () { return {}; });
        data.stocks.forEach(function (stock) {
            graph.setNode(stock.slug, { width: 168, height: 60, stock: stock });
        });
        var names = {};
        data.stocks.forEach(function (s) { names[s.slug] = s.name; });
        data.flows.forEach(function (flow) {
            flow.sources.forEach(function (source) {
                flow.sinks.forEach(function (sink) {
                    if (source === sink || (source === null && sink === null)) { return; }
                    var from = source === null ? 'outside:' + flow.slug + ':in' : source;
                    var to = sink === null ? 'outside:' + flow.slug + ':out' : sink;
                    [from, to].forEach(function (id) {
                        if (id.indexOf('outside:') === 0 && !graph.hasNode(id)) {
                            graph.setNode(id, { width: 84, height: 40, cloud: true });
                        }
                    });
                    var move = flow.moves.filter(function (m) { return m.source === source && m.sink === sink; })[0];
                    var count = move ? move.count : 0;
                    var label = flow.name + ' · ' + numbers.format(count);
                    graph.setEdge(from, to, {
                        flow: flow, count: count, label: label, labelpos: 'c',
                        width: label.length * 7 + 12, height: 20,
                        route: (source === null ? 'Outside' : names[source]) + ' → ' + (sink === null ? 'Outside' : names[sink])
                    }, flow.slug + '|' + from + '|' + to);
                });
            });
        });
        dagre.layout(graph);
        return graph;
    }

    function draw(container, data) {
        var stockUrl = container.getAttribute('data-stock-url');
        var flowUrl = container.getAttribute('data-flow-url');
        var graph = layout(data);
        var size = graph.graph();
        container.textContent = '';
        var root = svg('svg', {
            viewBox: '0 0 ' + Math.ceil(size.width) + ' ' + Math.ceil(size.height),
            width: Math.ceil(size.width), height: Math.ceil(size.height),
            role: 'img', 'class': 'stockandflow-admin-diagram', 'data-stockandflow-admin': 'diagram-svg',
            'aria-label': data.title + ': stocks and flows'
        }, container);
        var defs = svg('defs', {}, root);
        var marker = svg('marker', { id: 'stockandflow-admin-arrow-' + container.id, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, defs);
        svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', 'class': 'stockandflow-admin-diagram-arrowhead' }, marker);

        graph.edges().forEach(function (e) {
            var edge = graph.edge(e);
            var group = titled(svg('a', { href: link(flowUrl, edge.flow.slug), 'class': 'stockandflow-admin-diagram-flow' + (edge.count ? '' : ' stockandflow-admin-diagram-idle'), 'data-flow': edge.flow.slug, 'data-count': String(edge.count) }, root),
                edge.flow.name + ': ' + edge.route + ', ' + numbers.format(edge.count) + ' in the range');
            var points = edge.points;
            var d = 'M ' + points[0].x + ' ' + points[0].y;
            for (var i = 1; i < points.length - 1; i += 1) {
                var next = points[i + 1];
                d += ' Q ' + points[i].x + ' ' + points[i].y + ' ' + ((points[i].x + next.x) / 2) + ' ' + ((points[i].y + next.y) / 2);
            }
            d += ' L ' + points[points.length - 1].x + ' ' + points[points.length - 1].y;
            svg('path', { d: d, 'class': 'stockandflow-admin-diagram-edge', 'marker-end': 'url(#stockandflow-admin-arrow-' + container.id + ')' }, group);
            var label = svg('text', { x: edge.x, y: edge.y + 4, 'text-anchor': 'middle', 'class': 'stockandflow-admin-diagram-rate' }, group);
            label.textContent = edge.label;
        });

        graph.nodes().forEach(function (id) {
            var node = graph.node(id);
            var x = node.x - node.width / 2;
            var y = node.y - node.height / 2;
            if (node.cloud) {
                titled(svg('ellipse', { cx: node.x, cy: node.y, rx: node.width / 2, ry: node.height / 2, 'class': 'stockandflow-admin-diagram-cloud' }, root), 'Outside: rows created, deleted, or in none of these stocks');
                svg('text', { x: node.x, y: node.y + 4, 'text-anchor': 'middle', 'class': 'stockandflow-admin-diagram-cloud-text' }, root).textContent = 'outside';
                return;
            }

            var stock = node.stock;
            var box = titled(svg('a', { href: link(stockUrl, stock.slug), 'class': 'stockandflow-admin-diagram-stock' + (stock.inScope ? '' : ' stockandflow-admin-diagram-other'), 'data-stock': stock.slug }, root),
                stock.name + ': ' + numbers.format(stock.count) + ' now');
            svg('rect', { x: x, y: y, width: node.width, height: node.height, rx: 6 }, box);
            svg('text', { x: node.x, y: y + 24, 'text-anchor': 'middle', 'class': 'stockandflow-admin-diagram-name' }, box).textContent = stock.name;
            svg('text', { x: node.x, y: y + 46, 'text-anchor': 'middle', 'class': 'stockandflow-admin-diagram-count' }, box).textContent = numbers.format(stock.count);
        });
    }

    function table(container, data) {
        var target = document.getElementById(container.getAttribute('data-table'));
        if (!target) { return; }
        target.textContent = '';
        var names = { };
        data.stocks.forEach(function (s) { names[s.slug] = s.name; });
        var wrap = html('div', null, target, 'table-responsive');
        var t = html('table', null, wrap, 'table table-sm mb-0');
        t.setAttribute('data-stockandflow-admin', 'diagram-table');
        html('caption', 'The diagram\'s numbers: each flow by the stocks its rows moved between, in the chosen range.', t, 'small');
        var head = html('tr', null, html('thead', null, t));
        ['Flow', 'From', 'To', 'Moves'].forEach(function (h) { html('th', h, head).setAttribute('scope', 'col'); });
        var body = html('tbody', null, t);
        data.flows.forEach(function (flow) {
            var rows = flow.moves.length ? flow.moves : [{ source: flow.sources[0], sink: flow.sinks[0], count: 0 }];
            rows.forEach(function (move) {
                var row = html('tr', null, body);
                row.setAttribute('data-flow', flow.slug);
                html('td', flow.name, row);
                html('td', move.source === null ? 'Outside' : names[move.source], row);
                html('td', move.sink === null ? 'Outside' : names[move.sink], row);
                html('td', numbers.format(move.count), row, 'text-end stockandflow-admin-num');
            });
        });
        var stocks = html('p', 'Now: ' + data.stocks.map(function (s) { return s.name + ' ' + numbers.format(s.count); }).join(' · '), target, 'small text-body-secondary mt-2 mb-0');
        stocks.setAttribute('data-stockandflow-admin', 'diagram-counts');
    }

    function load(container, params) {
        var status = container.parentElement.parentElement.querySelector('[data-diagram-status]');
        var url = new URL(container.getAttribute('data-url'), window.location.href);
        if (params) {
            ['range', 'from', 'to', 'period'].forEach(function (key) { url.searchParams.delete(key); });
            params.forEach(function (value, key) { url.searchParams.set(key, value); });
        }
        window.stockFlowAdmin.fetchJson(url.pathname + url.search).then(function (data) {
            draw(container, data);
            table(container, data);
            container.setAttribute('data-drawn', 'true');
        }, function (error) {
            window.stockFlowAdmin.say(status, 'The diagram could not be loaded: ' + error.message);
        });
    }

    var diagrams = document.querySelectorAll('[data-stockandflow-admin-diagram]');
    diagrams.forEach(function (container) { load(container, null); });
    document.addEventListener('stockandflow-admin:range', function (event) {
        diagrams.forEach(function (container) { load(container, event.detail); });
    });
}());

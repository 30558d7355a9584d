/**
 * The script of a path's report page, inlined so that the page stays one file with no outside
 * request. Plain browser JavaScript, no library. It only adds to a page that reads in full
 * without it: pan and zoom on the diagram, a state's panel on click, and the step-through
 * simulator, which looks its answers up in the table embedded as JSON (`#report-data`), never
 * computes one.
 *
 * The diagram's states are found by a hook any renderer can give, first found wins: a group with
 * `data-state="<dotted state id>"`, or `id="state:<dotted state id>"` (kykypolku's Graphviz SVG),
 * or Graphviz's plain `<g class="node">` / `<g class="cluster">` whose `<title>` is the state id
 * (`cluster:<id>` for a cluster). Only ids the page describes (`[data-state-info]`) count, so
 * start points and edges are left alone.
 *
 * @internal
 */
export const reportScript = String.raw`
(function () {
  'use strict';
  var dataNode = document.getElementById('report-data');
  var data = dataNode ? JSON.parse(dataNode.textContent) : null;
  var text = data ? data.text : { words: {}, states: {}, events: {}, roles: {}, rules: [] };
  var words = text.words;
  var figure = document.querySelector('#diagram figure');
  var svg = figure ? figure.querySelector('svg') : null;

  var infoById = {};
  document.querySelectorAll('[data-state-info]').forEach(function (node) {
    infoById[node.getAttribute('data-state-info')] = node;
  });

  function stateIdOf(group) {
    var own = group.getAttribute('data-state');
    if (own !== null) return own;
    var id = group.getAttribute('id') || '';
    if (id.indexOf('state:') === 0) return id.slice('state:'.length);
    var title = null;
    for (var child = group.firstElementChild; child; child = child.nextElementSibling) {
      if (child.tagName.toLowerCase() === 'title') title = child;
    }
    if (!title) return null;
    id = title.textContent.trim();
    if (group.classList.contains('cluster')) id = id.replace(/^cluster:/, '');
    return id;
  }

  var groupsById = {};
  if (svg) {
    var candidates = svg.querySelectorAll('[data-state], g.node, g.cluster');
    candidates.forEach(function (group) {
      var id = stateIdOf(group);
      if (id === null || !infoById[id]) return;
      (groupsById[id] = groupsById[id] || []).push(group);
      group.classList.add('state-hook');
      group.setAttribute('data-hooked-state', id);
      group.setAttribute('tabindex', '0');
      group.setAttribute('role', 'button');
      group.setAttribute('aria-label', text.states[id] || id);
    });
  }

  function groupOf(node) {
    for (var current = node; current && current !== svg; current = current.parentNode) {
      if (current.classList && current.classList.contains('state-hook')) return current;
    }
    return null;
  }

  // The state panel: what leaves the clicked state, copied from the page's own list of states.
  var panel = null;
  function selectState(id) {
    if (!panel || !infoById[id]) return;
    svg.querySelectorAll('.is-selected').forEach(function (node) { node.classList.remove('is-selected'); });
    (groupsById[id] || []).forEach(function (node) { node.classList.add('is-selected'); });
    panel.textContent = '';
    var copy = infoById[id].cloneNode(true);
    copy.removeAttribute('id');
    copy.removeAttribute('data-state-info');
    panel.appendChild(copy);
    panel.setAttribute('data-state', id);
  }

  function button(id, label, glyph) {
    var node = document.createElement('button');
    node.type = 'button';
    node.id = id;
    node.title = label;
    node.setAttribute('aria-label', label);
    node.textContent = glyph;
    return node;
  }

  if (svg) {
    var base = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
    if (base.length !== 4 || base.some(isNaN)) {
      base = [0, 0, parseFloat(svg.getAttribute('width')) || 1000, parseFloat(svg.getAttribute('height')) || 600];
    }
    var view = { x: base[0], y: base[1], w: base[2], h: base[3] };
    var apply = function () { svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' ')); };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    figure.classList.add('zoomable');
    apply();

    var toUser = function (clientX, clientY) {
      var matrix = svg.getScreenCTM();
      if (!matrix) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
      var point = svg.createSVGPoint();
      point.x = clientX;
      point.y = clientY;
      var user = point.matrixTransform(matrix.inverse());
      return { x: user.x, y: user.y };
    };
    var zoom = function (factor, centre) {
      var width = Math.min(base[2] * 1.5, Math.max(base[2] / 20, view.w / factor));
      var applied = view.w / width;
      view.x = centre.x - (centre.x - view.x) / applied;
      view.y = centre.y - (centre.y - view.y) / applied;
      view.w = width;
      view.h = view.h / applied;
      apply();
    };
    var centre = function () { return { x: view.x + view.w / 2, y: view.y + view.h / 2 }; };

    var tools = document.createElement('div');
    tools.className = 'diagram-tools';
    var zoomIn = button('zoom-in', words.zoomIn, '+');
    var zoomOut = button('zoom-out', words.zoomOut, '\u2212');
    var fit = button('zoom-fit', words.zoomFit, '\u2922');
    zoomIn.addEventListener('click', function () { zoom(1.25, centre()); });
    zoomOut.addEventListener('click', function () { zoom(1 / 1.25, centre()); });
    fit.addEventListener('click', function () {
      view = { x: base[0], y: base[1], w: base[2], h: base[3] };
      apply();
    });
    var hint = document.createElement('span');
    hint.className = 'meta';
    hint.textContent = words.diagramHint;
    tools.appendChild(zoomIn);
    tools.appendChild(zoomOut);
    tools.appendChild(fit);
    tools.appendChild(hint);
    figure.parentNode.insertBefore(tools, figure);

    panel = document.createElement('aside');
    panel.id = 'state-panel';
    panel.setAttribute('aria-live', 'polite');
    figure.parentNode.insertBefore(panel, figure.nextSibling);

    svg.addEventListener('wheel', function (event) {
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, toUser(event.clientX, event.clientY));
    }, { passive: false });

    var drag = null;
    svg.addEventListener('pointerdown', function (event) {
      if (event.button !== 0) return;
      var matrix = svg.getScreenCTM();
      drag = { x: event.clientX, y: event.clientY, view: { x: view.x, y: view.y }, scale: matrix ? matrix.a : 1, moved: false,
        group: groupOf(event.target) };
    });
    svg.addEventListener('pointermove', function (event) {
      if (!drag) return;
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        svg.setPointerCapture(event.pointerId);
        figure.classList.add('dragging');
      }
      view.x = drag.view.x - dx / drag.scale;
      view.y = drag.view.y - dy / drag.scale;
      apply();
    });
    var endDrag = function () {
      if (drag && !drag.moved && drag.group) selectState(stateIdOf(drag.group));
      drag = null;
      figure.classList.remove('dragging');
    };
    svg.addEventListener('pointerup', endDrag);
    svg.addEventListener('pointercancel', function () { drag = null; figure.classList.remove('dragging'); });
    svg.addEventListener('keydown', function (event) {
      var group = groupOf(event.target);
      if (group && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        selectState(stateIdOf(group));
      }
    });
  }

  // The simulator: every answer is looked up in the embedded table (data.table).
  var root = document.getElementById('sim-root');
  if (!root || !data || !data.table) return;
  var table = data.table;
  var closed = {};
  table.closed.forEach(function (state) { closed[state] = true; });

  function answerOf(state, entry) {
    if (closed[state]) return { kind: 'refused', code: 'CASE_CLOSED' };
    var pairs = table.steps[state];
    for (var at = 0; at < pairs.length; at += 2) {
      if (pairs[at] !== entry) continue;
      var answer = pairs[at + 1];
      return answer >= 0 ? { kind: 'accepted', to: answer } : { kind: 'refused', code: 'RULE_VIOLATED', rule: -1 - answer };
    }
    return { kind: 'refused', code: 'NOT_ALLOWED_IN_STATE' };
  }

  function stateName(state) {
    var value = table.values[table.states[state]];
    var leaves = value.nodes.filter(function (id) {
      return !value.nodes.some(function (other) { return other.indexOf(id + '.') === 0; });
    });
    return leaves.map(function (id) { return text.states[id] || id; }).join(', ');
  }

  function entryLabel(entry) {
    var input = table.entries[entry];
    var fields = Object.keys(input.payload).map(function (field) { return field + ': ' + JSON.stringify(input.payload[field]); });
    return (text.events[input.type] || input.type) + (fields.length ? ' (' + fields.join(', ') + ')' : '') +
      ' \u2014 ' + (text.roles[input.role] || input.role);
  }

  function make(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (content !== undefined) node.textContent = content;
    return node;
  }

  var stateLine = make('p', {});
  stateLine.appendChild(document.createTextNode(words.stateNow + ': '));
  var stateNode = make('strong', { id: 'sim-state' });
  stateLine.appendChild(stateNode);
  var controls = make('p', { class: 'sim-controls' });
  var label = make('label', { for: 'sim-event' }, words.event + ' ');
  var select = make('select', { id: 'sim-event' });
  var step = make('button', { id: 'sim-step', type: 'button' }, words.recordIt);
  var reset = make('button', { id: 'sim-reset', type: 'button' }, words.startAgain);
  controls.appendChild(label);
  controls.appendChild(select);
  controls.appendChild(step);
  controls.appendChild(reset);
  var answerNode = make('div', { id: 'sim-answer', 'aria-live': 'polite' });
  var log = make('ol', { id: 'sim-log' });
  root.appendChild(stateLine);
  root.appendChild(controls);
  root.appendChild(answerNode);
  root.appendChild(make('h3', {}, words.steps));
  root.appendChild(log);

  var current = 0;
  function show() {
    stateNode.textContent = stateName(current);
    stateNode.setAttribute('data-state-index', String(current));
    stateNode.setAttribute('data-value', table.values[table.states[current]].name);
    if (svg) {
      svg.querySelectorAll('.is-current').forEach(function (node) { node.classList.remove('is-current'); });
      table.values[table.states[current]].nodes.forEach(function (id) {
        (groupsById[id] || []).forEach(function (node) { node.classList.add('is-current'); });
      });
    }
    var accepted = make('optgroup', { label: words.possibleHere });
    var refused = make('optgroup', { label: words.refusedHere });
    table.entries.forEach(function (_, entry) {
      var option = make('option', { value: String(entry) }, entryLabel(entry));
      (answerOf(current, entry).kind === 'accepted' ? accepted : refused).appendChild(option);
    });
    select.textContent = '';
    if (accepted.children.length > 0) select.appendChild(accepted);
    select.appendChild(refused);
  }

  function describeAnswer(answer) {
    if (answer.kind === 'accepted') return words.accepted + ' ' + stateName(answer.to) + '.';
    if (answer.code === 'RULE_VIOLATED') {
      var rule = text.rules[answer.rule];
      return words.refused + ' (RULE_VIOLATED): ' + words.breaksRule + ' ' + rule.id +
        ' \u2014 ' + rule.sentence + ' (' + rule.source + ')';
    }
    return words.refused + ' (' + answer.code + '): ' + (answer.code === 'CASE_CLOSED' ? words.caseClosed : words.notAllowedInState);
  }

  step.addEventListener('click', function () {
    var entry = Number(select.value);
    var answer = answerOf(current, entry);
    answerNode.textContent = describeAnswer(answer);
    answerNode.setAttribute('data-outcome', answer.kind);
    answerNode.setAttribute('data-code', answer.kind === 'accepted' ? '' : answer.code);
    answerNode.setAttribute('data-rule', answer.rule === undefined ? '' : table.rules[answer.rule]);
    answerNode.className = answer.kind === 'accepted' ? 'sim-accepted' : 'sim-refused';
    var item = make('li', { class: answer.kind === 'accepted' ? 'sim-accepted' : 'sim-refused' },
      entryLabel(entry) + ': ' + describeAnswer(answer));
    log.appendChild(item);
    if (answer.kind === 'accepted') current = answer.to;
    show();
  });
  reset.addEventListener('click', function () {
    current = 0;
    log.textContent = '';
    answerNode.textContent = '';
    answerNode.removeAttribute('data-outcome');
    show();
  });
  show();
})();
`;

/* The live webinar room: one websocket, events applied in sequence order, catch-up
   from the last sequence number after every (re)connect. Protocol:
   docs/webinar-protocol.md. No framework; every control is a native button or form. */
(function () {
    "use strict";
    var root = document.getElementById("webinar-room");
    if (!root) { return; }
    var T = JSON.parse(document.getElementById("webinar-strings").textContent);
    var isModerator = root.dataset.moderator === "true";
    var slidesUrl = root.dataset.slidesUrl;
    var wsUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + root.dataset.wsPath;

    var me = null;
    var socket = null;
    var retryDelay = 1000;
    var finished = false;
    var lastSeq = 0;
    var breakoutId = null;
    var breakoutSeq = 0;
    // The caption stream's last number; set from the first welcome, so a newcomer
    // sees only captions written from now on (no history on load).
    var captionSeq = null;
    var syncing = false;
    var syncAgain = false;
    var pending = {};
    var slide = { page: 0, pages: 0, version: 0 };
    var handRaised = false;
    // Breakouts: the group's closing time and its number/label (for the status
    // lines), the group the page was in when the last catch-up began (only a close
    // of that group, or a live one, is announced: history must not speak), and
    // for moderators whether breakoutId is a group they visit.
    var breakoutClosesAt = null;
    var breakoutValues = null;
    var breakoutKnown = null;
    var visiting = false;
    var groupsOpen = false;
    // True until the first catch-up after loading the page has been applied: the
    // history fills the lists without being read aloud (quietRegions below).
    var catchingUp = true;

    function $(id) { return document.getElementById(id); }
    function fmt(text, values) {
        return text.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
    }
    // Danish and English have one form for 1 and another for the rest.
    function votesText(count) {
        return fmt(count === 1 ? T.vote_one : T.votes, { count: count });
    }
    function el(tag, attrs, text) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
        if (text !== undefined) { node.textContent = text; }
        return node;
    }
    function button(label, className, onClick) {
        var node = el("button", { type: "button", "class": "button " + className }, label);
        node.addEventListener("click", onClick);
        return node;
    }
    function status(text) { $("webinar-connection").textContent = text; }
    function showError(text) {
        var box = $("webinar-errors");
        box.textContent = "";
        if (text) { box.appendChild(el("p", { "class": "webinar-error" }, text)); }
    }
    function send(message) {
        if (socket && socket.readyState === WebSocket.OPEN) {
            socket.send(JSON.stringify(message));
        }
    }

    /* --- applying events --------------------------------------------------------- */

    function chatAppend(list, data) {
        var item = el("li", data.broadcast ? { "class": "webinar-broadcast" } : {});
        item.appendChild(el("strong", {}, data.name + (data.broadcast ? " (" + T.to_all_groups + ")" : "") + ": "));
        item.appendChild(document.createTextNode(data.text));
        list.appendChild(item);
    }

    function questionAdd(data) {
        if (!data.text) { return; }  // hidden by a moderator
        if ($("question-" + data.question)) { return; }
        var item = el("li", { id: "question-" + data.question, "class": "webinar-question" });
        // Moderators also get the author of an anonymous question (author_name).
        var who = (data.name || T.anonymous) + (data.author_name ? " (" + data.author_name + ")" : "");
        item.appendChild(el("span", {}, who + ": " + data.text));
        if (data.pending) { item.appendChild(el("span", { "class": "webinar-meta", "data-role": "pending" }, " · " + T.pending)); }
        item.appendChild(el("span", { "class": "webinar-meta", "data-role": "upvotes" }, " · " + fmt(T.upvotes, { count: 0 })));
        item.appendChild(el("p", { "class": "webinar-answer", "data-role": "answer", hidden: "" }));
        var controls = el("div", { "class": "webinar-controls" });
        controls.appendChild(button(T.upvote, "button-tertiary", function () {
            send({ type: "question.upvote", question: data.question });
        }));
        if (isModerator && data.pending) {
            var approve = button(T.approve, "button-tertiary", function () {
                send({ type: "question.approve", question: data.question });
            });
            approve.setAttribute("data-role", "approve");
            controls.appendChild(approve);
        }
        if (isModerator) {
            controls.appendChild(button(T.answer, "button-tertiary", function () {
                var form = item.querySelector("[data-role=answer-form]");
                form.hidden = !form.hidden;
                if (!form.hidden) { form.querySelector("textarea").focus(); }
            }));
            controls.appendChild(button(T.mark_answered, "button-tertiary", function () {
                send({ type: "question.answer", question: data.question });
            }));
            var hide = button(T.hide, "button-tertiary", function () {
                send({ type: "question.hide", question: data.question });
            });
            hide.setAttribute("data-role", "hide");
            controls.appendChild(hide);
            var show = button(T.show, "button-tertiary", function () {
                send({ type: "question.show", question: data.question });
            });
            show.setAttribute("data-role", "show");
            show.hidden = true;
            controls.appendChild(show);
        }
        item.appendChild(controls);
        if (isModerator) { item.appendChild(answerForm(data.question)); }
        $("question-list").appendChild(item);
    }

    // A moderator's written answer: a small form under the question.
    function answerForm(questionId) {
        var form = el("form", { "class": "webinar-form", "data-role": "answer-form", hidden: "" });
        var id = "answer-" + questionId;
        var group = el("div", { "class": "form-group" });
        group.appendChild(el("label", { "class": "form-label", "for": id }, T.answer_label));
        group.appendChild(el("textarea", { id: id, "class": "form-input", rows: "2", maxlength: "1000" }));
        form.appendChild(group);
        form.appendChild(el("button", { type: "submit", "class": "button button-secondary" }, T.send_answer));
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var text = form.querySelector("textarea");
            if (!text.value.trim()) { return; }
            showError("");
            send({ type: "question.answer", question: questionId, answer: text.value });
            text.value = "";
            form.hidden = true;
        });
        return form;
    }

    function questionAnswerShow(item, answer) {
        var node = item.querySelector("[data-role=answer]");
        node.textContent = answer ? fmt(T.answer_text, { answer: answer }) : T.answered;
        node.hidden = false;
    }

    // Moderators keep a hidden question in view, marked, with "show again".
    function questionHiddenMark(item, hidden) {
        item.classList.toggle("webinar-question--hidden", hidden);
        var mark = item.querySelector("[data-role=hidden-mark]");
        if (hidden && !mark) {
            item.insertBefore(el("span", { "class": "webinar-meta", "data-role": "hidden-mark" }, " · " + T.hidden_mark), item.querySelector("[data-role=upvotes]"));
        } else if (!hidden && mark) {
            mark.remove();
        }
        var hide = item.querySelector("[data-role=hide]");
        var show = item.querySelector("[data-role=show]");
        if (hide) { hide.hidden = hidden; }
        if (show) { show.hidden = !hidden; }
    }

    function pollAdd(data) {
        var box = el("form", { id: "poll-" + data.poll, "class": "webinar-poll" });
        var fieldset = el("fieldset");
        fieldset.appendChild(el("legend", { "class": "form-label" }, data.question));
        data.options.forEach(function (option, index) {
            var wrap = el("div", { "class": "form-group-radio" });
            var id = "poll-" + data.poll + "-option-" + index;
            wrap.appendChild(el("input", { type: "radio", "class": "form-radio", name: "option", value: String(index), id: id }));
            var label = el("label", { "class": "form-label", "for": id }, option);
            label.appendChild(el("span", { "class": "webinar-meta", "data-count": String(index) }, " · " + votesText(0)));
            wrap.appendChild(label);
            fieldset.appendChild(wrap);
        });
        box.appendChild(fieldset);
        var controls = el("div", { "class": "webinar-controls" });
        controls.appendChild(el("button", { type: "submit", "class": "button button-primary" }, T.vote));
        if (isModerator) {
            controls.appendChild(button(T.close_poll, "button-secondary", function () {
                send({ type: "poll.close", poll: data.poll });
            }));
        }
        box.appendChild(controls);
        box.appendChild(el("p", { "class": "webinar-meta", "data-role": "closed", hidden: "" }, T.poll_closed));
        box.addEventListener("submit", function (event) {
            event.preventDefault();
            var chosen = box.querySelector("input[name=option]:checked");
            if (chosen) { send({ type: "poll.vote", poll: data.poll, option: Number(chosen.value) }); }
        });
        $("poll-list").appendChild(box);
    }

    function pollCounts(data, closed) {
        var box = $("poll-" + data.poll);
        if (!box) { return; }
        data.counts.forEach(function (count, index) {
            var node = box.querySelector("[data-count='" + index + "']");
            if (node) { node.textContent = " · " + votesText(count); }
        });
        if (closed) {
            box.querySelectorAll("input, button").forEach(function (node) { node.disabled = true; });
            box.querySelector("[data-role=closed]").hidden = false;
        }
    }

    function handToggleLabel() {
        $("hand-toggle").textContent = handRaised ? T.lower : T.raise;
        $("hand-toggle").setAttribute("aria-pressed", handRaised ? "true" : "false");
    }

    function slideShow() {
        if (!slide.pages) { return; }
        $("slide-status").textContent = fmt(T.page, { page: slide.page, pages: slide.pages });
        var url = slidesUrl + "?v=" + slide.version + "#page=" + slide.page;
        $("slide-link").href = url;
        $("slide-link").hidden = false;
        // During the first catch-up only the last page is drawn (slideRender at its end).
        if (!catchingUp) { slideRender(); }
    }

    /* --- slides with PDF.js: the current page on a canvas, its text in a layer above */

    var pdfjs = null;        // the PDF.js module, imported on first use
    var slideDocument = null; // { version, promise } of the loaded PDF
    var slideTicket = 0;     // the newest render wins; older ones stop
    var slideTask = null;
    var slideTextLayer = null;

    function pdfjsLoad() {
        if (!pdfjs) {
            pdfjs = import(root.dataset.pdfjsUrl).then(function (lib) {
                lib.GlobalWorkerOptions.workerSrc = root.dataset.pdfjsWorkerUrl;
                return lib;
            });
        }
        return pdfjs;
    }
    function slideDocumentFor(version) {
        if (!slideDocument || slideDocument.version !== version) {
            if (slideDocument) {
                slideDocument.promise.then(function (doc) { doc.destroy(); }, function () {});
            }
            slideDocument = {
                version: version,
                promise: pdfjsLoad().then(function (lib) {
                    // No eval: the site's CSP forbids it.
                    return lib.getDocument({ url: slidesUrl + "?v=" + version, isEvalSupported: false }).promise;
                })
            };
        }
        return slideDocument.promise;
    }
    function slideFailed() {
        slideTicket += 1;
        $("slide-viewer").hidden = true;
        showError(T.slides_failed);
    }
    function slideRender() {
        var ticket = ++slideTicket;
        var want = { page: slide.page, pages: slide.pages };
        var viewer = $("slide-viewer");
        viewer.hidden = false;
        // Set again when this page is drawn (tests wait for it).
        delete viewer.dataset.renderedPage;
        if (slideTask) { slideTask.cancel(); slideTask = null; }
        if (slideTextLayer) { slideTextLayer.cancel(); slideTextLayer = null; }
        Promise.all([pdfjsLoad(), slideDocumentFor(slide.version)]).then(function (loaded) {
            if (ticket !== slideTicket) { return null; }
            var lib = loaded[0];
            return loaded[1].getPage(want.page).then(function (page) {
                if (ticket !== slideTicket) { return null; }
                var width = viewer.clientWidth || 640;
                var scale = width / page.getViewport({ scale: 1 }).width;
                var viewport = page.getViewport({ scale: scale });
                var ratio = window.devicePixelRatio || 1;
                var canvas = $("slide-canvas");
                var holder = $("slide-page");
                // Style properties set from script are allowed by the CSP (style-src
                // 'self' forbids only style attributes in the markup).
                canvas.width = Math.floor(viewport.width * ratio);
                canvas.height = Math.floor(viewport.height * ratio);
                canvas.style.width = Math.floor(viewport.width) + "px";
                canvas.style.height = Math.floor(viewport.height) + "px";
                holder.style.setProperty("--total-scale-factor", String(scale));
                holder.style.width = Math.floor(viewport.width) + "px";
                holder.style.height = Math.floor(viewport.height) + "px";
                canvas.setAttribute("aria-label", fmt(T.slide_label, want));
                slideTask = page.render({
                    canvas: canvas,
                    canvasContext: canvas.getContext("2d"),
                    viewport: viewport,
                    transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null
                });
                var textBox = $("slide-text");
                textBox.textContent = "";
                slideTextLayer = new lib.TextLayer({
                    textContentSource: page.streamTextContent(),
                    container: textBox,
                    viewport: viewport
                });
                return Promise.all([slideTask.promise, slideTextLayer.render()]).then(function () {
                    if (ticket !== slideTicket) { return; }
                    viewer.dataset.renderedPage = String(want.page);
                    viewer.dataset.renderedVersion = String(slide.version);
                });
            });
        }).catch(function (error) {
            // A newer page cancelled this one: not a failure.
            if (ticket !== slideTicket || (error && error.name === "RenderingCancelledException")) { return; }
            slideFailed();
        });
    }
    function slideTurn(step) {
        var page = Math.min(Math.max(slide.page + step, 1), slide.pages);
        if (slide.pages && page !== slide.page) { send({ type: "slide.set", page: page }); }
    }

    function breakoutShow(on, text) {
        $("breakout-panel").hidden = !on;
        $("breakout-status").textContent = text || "";
        if (!on) {
            $("breakout-log").textContent = "";
            $("breakout-time").textContent = "";
            breakoutClosesAt = null;
            breakoutValues = null;
        }
        if ($("breakout-leave")) { $("breakout-leave").hidden = !(on && visiting); }
    }

    function clock(date) {
        return date.toLocaleTimeString("da-DK", { hour: "2-digit", minute: "2-digit" });
    }
    // "Ends at HH:MM. N minutes left." for the group one is in or visits, and for
    // the moderators' overview; whole minutes, so the text changes once a minute.
    function timeLeftText(closesAt) {
        var left = Math.ceil((closesAt.getTime() - Date.now()) / 60000);
        var rest = left <= 1 ? (left === 1 ? fmt(T.minute_left, { count: 1 }) : T.under_a_minute)
            : fmt(T.minutes_left, { count: left });
        return fmt(T.breakout_ends, { time: clock(closesAt) }) + " " + rest;
    }
    function timeShow() {
        var text = breakoutClosesAt ? timeLeftText(breakoutClosesAt) : "";
        if ($("breakout-time").textContent !== text) { $("breakout-time").textContent = text; }
    }
    function breakoutStatusShow() {
        if (!breakoutValues) { return; }
        var values = breakoutValues;
        values.time = clock(breakoutClosesAt);
        var text = visiting
            ? fmt(values.label ? T.breakout_visiting_label : T.breakout_visiting, values)
            : fmt(values.label ? T.breakout_in_label : T.breakout_in, values);
        breakoutShow(true, text);
        timeShow();
    }

    /* The moderators' overview: one item per open group, updated in place (so a
       focused button keeps its focus when the list refreshes). */
    function overviewShow(data) {
        var list = $("breakouts-groups");
        if (!list) { return; }
        groupsOpen = data.groups.length > 0;
        $("breakouts-none").hidden = groupsOpen;
        $("breakouts-open").hidden = !groupsOpen;
        var keep = {};
        data.groups.forEach(function (group) {
            keep["overview-" + group.breakout] = true;
            var item = $("overview-" + group.breakout);
            if (!item) {
                item = el("li", { id: "overview-" + group.breakout, "class": "webinar-group" });
                item.appendChild(el("h3", { "class": "h5", "data-role": "name" }));
                item.appendChild(el("p", { "data-role": "members" }));
                item.appendChild(el("p", { "class": "webinar-meta", "data-role": "activity" }));
                item.appendChild(button("", "button-tertiary", function () {
                    send({ type: "breakout.enter", breakout: group.breakout });
                }));
                list.appendChild(item);
            }
            var values = { number: group.number, label: group.label };
            item.querySelector("[data-role=name]").textContent = fmt(group.label ? T.group_label : T.group, values);
            item.querySelector("[data-role=members]").textContent = group.members.length
                ? fmt(T.group_members, { names: group.members.map(function (m) { return m.name; }).join(", ") })
                : T.group_empty;
            item.querySelector("[data-role=activity]").textContent = group.messages
                ? fmt(group.messages === 1 ? T.group_message_one : T.group_messages,
                    { count: group.messages, time: clock(new Date(group.last_message_at)) })
                : T.group_silent;
            var enter = item.querySelector("button");
            var here = data.visiting === group.breakout;
            enter.textContent = fmt(here ? T.group_here : T.group_enter, values);
            enter.disabled = here;
            if (data.visiting === group.breakout && (!visiting || breakoutId !== group.breakout)) {
                visiting = true;
                breakoutId = group.breakout;
                breakoutSeq = 0;
                pending = {};
                $("breakout-log").textContent = "";
                breakoutClosesAt = new Date(group.closes_at);
                breakoutValues = values;
                breakoutStatusShow();
                requestSync();
            }
        });
        Array.prototype.slice.call(list.children).forEach(function (item) {
            if (!keep[item.id]) { item.remove(); }
        });
        if (groupsOpen) {
            $("breakouts-time").textContent = timeLeftText(new Date(data.groups[0].closes_at));
        }
        if (visiting && data.visiting === null) {
            visiting = false;
            breakoutId = null;
            breakoutSeq = 0;
            breakoutShow(false);
        }
    }
    function overviewRefresh() { if (isModerator) { send({ type: "breakouts.list" }); } }

    function setPressed(id, pressed, onText, offText) {
        var node = $(id);
        if (!node) { return; }
        node.setAttribute("aria-pressed", pressed ? "true" : "false");
        node.textContent = pressed ? onText : offText;
    }

    var STATE_ORDER = ["planlagt", "aaben", "live", "afsluttet"];
    function stateShow(state) {
        $("room-state").textContent = T.states[state] || state;
        var notOpen = $("room-not-open");
        if (notOpen && state !== "planlagt") { notOpen.hidden = true; }
        var rank = STATE_ORDER.indexOf(state);
        if ($("state-aaben")) { $("state-aaben").disabled = rank >= 1; }
        if ($("state-live")) { $("state-live").disabled = rank >= 2; }
    }

    function apply(event, fromCatchUp) {
        var data = event.data;
        switch (event.kind) {
        case "chat.message":
            chatAppend(event.stream === "breakout" ? $("breakout-log") : $("chat-log"), data);
            break;
        case "question.asked": questionAdd(data); break;
        case "question.approved":
            var approved = $("question-" + data.question);
            if (approved) {
                approved.querySelectorAll("[data-role=pending], [data-role=approve]").forEach(function (node) { node.remove(); });
            } else {
                questionAdd(data);
            }
            break;
        case "questions.approval":
            $("questions-approval-note").hidden = !data.required;
            setPressed("questions-approval", data.required, T.approval_off, T.approval_on);
            break;
        case "question.upvoted":
            var upvoted = $("question-" + data.question);
            if (upvoted) { upvoted.querySelector("[data-role=upvotes]").textContent = " · " + fmt(T.upvotes, { count: data.upvotes }); }
            break;
        case "question.answered":
            var answered = $("question-" + data.question);
            if (answered) { questionAnswerShow(answered, data.answer); }
            break;
        case "question.hidden":
            var hidden = $("question-" + data.question);
            if (hidden && isModerator) { questionHiddenMark(hidden, true); } else if (hidden) { hidden.remove(); }
            break;
        case "question.shown":
            var shown = $("question-" + data.question);
            if (shown) {
                questionHiddenMark(shown, false);
            } else {
                questionAdd(data);
                shown = $("question-" + data.question);
            }
            if (shown) {
                shown.querySelector("[data-role=upvotes]").textContent = " · " + fmt(T.upvotes, { count: data.upvotes });
                if (data.answered) { questionAnswerShow(shown, data.answer); }
            }
            break;
        case "poll.opened": pollAdd(data); break;
        case "poll.results": pollCounts(data, false); break;
        case "poll.closed": pollCounts(data, true); break;
        case "hand.raised":
            var hand = el("li", { id: "hand-" + data.user }, data.name);
            if (isModerator) {
                hand.appendChild(document.createTextNode(" "));
                hand.appendChild(button(fmt(T.lower_other, { name: data.name }), "button-tertiary", function () {
                    send({ type: "hand.lower", user: data.user });
                }));
            }
            $("hand-list").appendChild(hand);
            if (data.user === me) { handRaised = true; handToggleLabel(); }
            break;
        case "hand.lowered":
            var lowered = $("hand-" + data.user);
            if (lowered) { lowered.remove(); }
            if (data.user === me) { handRaised = false; handToggleLabel(); }
            break;
        case "slides.uploaded":
            slide = { page: data.page, pages: data.pages, version: data.version };
            slideShow();
            break;
        case "slide.changed":
            slide.page = data.page;
            slide.pages = data.pages;
            slideShow();
            break;
        case "breakout.opened":
            var mine = data.assignments[String(me)];
            if (mine) {
                breakoutId = mine;
                breakoutSeq = 0;
                var group = data.groups.filter(function (g) { return g.breakout === mine; })[0];
                breakoutClosesAt = new Date(data.closes_at);
                breakoutValues = { number: group ? group.number : "", label: group && group.label };
                breakoutStatusShow();
            }
            if (!fromCatchUp) { overviewRefresh(); }
            break;
        case "breakout.extended":
            if (breakoutId && data.breakouts.indexOf(breakoutId) !== -1 && breakoutValues) {
                breakoutClosesAt = new Date(data.closes_at);
                breakoutStatusShow();
                if (!fromCatchUp) { status(fmt(T.breakout_extended, { time: clock(breakoutClosesAt) })); }
            }
            if (!fromCatchUp) { overviewRefresh(); }
            break;
        case "breakout.closed":
            if (breakoutId && data.breakouts.indexOf(breakoutId) !== -1) {
                // Announced only when this page saw the group open: a catch-up on
                // a fresh load replays old rounds, which are history, not news.
                var lived = !fromCatchUp || breakoutKnown === breakoutId;
                breakoutId = null;
                breakoutSeq = 0;
                visiting = false;
                breakoutShow(false);
                if (lived) { status(T.breakout_back); }
            }
            if (!fromCatchUp) { overviewRefresh(); }
            break;
        case "chat.paused":
            $("chat-paused").hidden = !data.paused;
            setPressed("chat-pause", data.paused, T.resume, T.pause);
            break;
        case "room.state": stateShow(data.state); break;
        case "room.locked": setPressed("room-lock", data.locked, T.unlock, T.lock); break;
        case "participant.removed":
            var removed = $("hand-" + data.user);
            if (removed) { removed.remove(); }
            if (data.user === me) { finish(T.removed); }
            break;
        case "room.ended":
            stateShow("afsluttet");
            finish(T.ended);
            break;
        }
    }

    /* --- live captions: their own stream (docs/webinar-protocol.md) ----------- */

    var CAPTION_LINES_KEPT = 30;
    function captionShow(text) {
        var area = $("caption-area");
        if (!area) { return; }
        area.appendChild(el("p", {}, text));
        while (area.childNodes.length > CAPTION_LINES_KEPT) { area.removeChild(area.firstChild); }
        area.scrollTop = area.scrollHeight;
    }

    function receiveCaption(event, fromCatchUp) {
        if (captionSeq === null || event.seq <= captionSeq) { return; }
        if (event.seq > captionSeq + 1 && !fromCatchUp) {
            pending["c" + event.seq] = event;
            requestSync();
            return;
        }
        captionSeq = event.seq;
        captionShow(event.data.text);
    }

    function stored(key, fallback) {
        try { return window.localStorage.getItem(key) || fallback; } catch (_e) { return fallback; }
    }
    function store(key, value) {
        try { window.localStorage.setItem(key, value); } catch (_e) { /* private mode */ }
    }
    var CAPTION_SIZES = ["small", "medium", "large", "xlarge"];
    function captionsSetUp() {
        var area = $("caption-area");
        var toggle = $("captions-toggle");
        var size = $("captions-size");
        if (!area || !toggle || !size) { return; }
        function applyOn(on) {
            toggle.setAttribute("aria-pressed", on ? "true" : "false");
            area.hidden = !on;
            store("webinar.captions.on", on ? "1" : "0");
        }
        function applySize(value) {
            if (CAPTION_SIZES.indexOf(value) === -1) { value = "medium"; }
            CAPTION_SIZES.forEach(function (name) { area.classList.toggle("webinar-captions--" + name, name === value); });
            size.value = value;
            store("webinar.captions.size", value);
        }
        applyOn(stored("webinar.captions.on", "1") === "1");
        applySize(stored("webinar.captions.size", "medium"));
        toggle.addEventListener("click", function () { applyOn(toggle.getAttribute("aria-pressed") !== "true"); });
        size.addEventListener("change", function () { applySize(size.value); });
    }

    /* --- the stream player: HLS inside the room, natively or with hls.js ------- */

    function playerSetUp() {
        var video = $("webinar-video");
        if (!video) { return; }
        var source = video.dataset.src;
        if (video.canPlayType("application/vnd.apple.mpegurl")) {
            video.src = source;
            video.dataset.player = "native";
        } else if (window.Hls && window.Hls.isSupported()) {
            // No worker: the site's CSP allows no blob: scripts.
            var hls = new window.Hls({ enableWorker: false });
            hls.loadSource(source);
            hls.attachMedia(video);
            video.dataset.player = "hls.js";
        } else {
            video.dataset.player = "none";
            $("webinar-video-unsupported").hidden = false;
        }
    }

    /* Apply in sequence order per stream; a gap means we missed something: ask. */
    function receiveEvent(event, fromCatchUp) {
        if (event.stream === "captions") { receiveCaption(event, fromCatchUp); return; }
        var isBreakout = event.stream === "breakout";
        if (isBreakout && event.breakout !== breakoutId) { return; }
        var last = isBreakout ? breakoutSeq : lastSeq;
        if (event.seq <= last) { return; }
        if (event.seq > last + 1 && !fromCatchUp) {
            pending[(isBreakout ? "b" : "r") + event.seq] = event;
            requestSync();
            return;
        }
        if (isBreakout) { breakoutSeq = event.seq; } else { lastSeq = event.seq; }
        apply(event, fromCatchUp);
    }

    function drainPending() {
        Object.keys(pending).map(function (key) { return pending[key]; })
            .sort(function (a, b) { return a.seq - b.seq; })
            .forEach(function (event) { receiveEvent(event, true); });
        pending = {};
    }

    function requestSync() {
        if (syncing) { syncAgain = true; return; }
        syncing = true;
        var message = { type: "sync", after: lastSeq, breakout_after: breakoutSeq };
        if (captionSeq !== null) { message.caption_after = captionSeq; }
        send(message);
    }

    function onMessage(message) {
        var data = JSON.parse(message.data);
        if (data.type === "welcome") {
            me = data.user;
            syncing = false;
            if (captionSeq === null) { captionSeq = data.caption_seq || 0; }
            stateShow(data.state);
            status(T.connected);
            retryDelay = RETRY_FIRST;
            breakoutKnown = breakoutId;
            // A new socket follows no visited group yet: enter it again first
            // (handled before the sync, so the catch-up includes its stream).
            if (visiting && breakoutId) { send({ type: "breakout.enter", breakout: breakoutId }); }
            requestSync();
        } else if (data.type === "event") {
            receiveEvent(data, false);
        } else if (data.type === "catchup") {
            data.events.forEach(function (event) { receiveEvent(event, true); });
            data.breakout_events.forEach(function (event) { receiveEvent(event, true); });
            (data.caption_events || []).forEach(function (event) { receiveEvent(event, true); });
            syncing = false;
            if (data.more || syncAgain) {
                syncAgain = false;
                requestSync();
            } else {
                drainPending();
                breakoutKnown = breakoutId;
                overviewRefresh();
                catchUpDone();
            }
        } else if (data.type === "heartbeat") {
            // The server's last number for a stream; behind it means we missed
            // something (a Redis restart, a lost broadcast): ask for it.
            var behind = data.stream === "breakout"
                ? data.breakout === breakoutId && data.last_seq > breakoutSeq
                : data.last_seq > lastSeq;
            if (behind) { requestSync(); }
        } else if (data.type === "retry") {
            retryAfter = data.after;
        } else if (data.type === "error") {
            showError(data.message);
        } else if (data.type === "breakouts") {
            overviewShow(data);
        } else if (data.type === "participants") {
            var list = $("participant-list");
            list.textContent = "";
            if (!data.participants.length) { list.appendChild(el("li", {}, T.nobody)); }
            data.participants.forEach(function (person) {
                var item = el("li", {}, person.name + " ");
                if (person.user !== me) {
                    item.appendChild(button(fmt(T.remove, { name: person.name }), "button-tertiary", function () {
                        send({ type: "participant.remove", user: person.user });
                        item.remove();
                    }));
                }
                list.appendChild(item);
            });
        }
    }

    /* --- the connection: what each close code means is in docs/webinar-protocol.md */

    var RETRY_FIRST = 1000;
    var RETRY_MAX = 30000;
    var RETRY_NOT_OPEN = 15000;
    var RETRY_LOCKED = 30000;
    var retryAfter = 0;  // seconds, from a "retry" message (daphne drops close reasons)
    var retryTimer = null;

    // Up to 50 % more, so that clients dropped together do not return together.
    function jittered(ms) { return ms + Math.random() * ms * 0.5; }
    function later(ms) {
        if (retryTimer) { clearTimeout(retryTimer); }
        retryTimer = setTimeout(connect, ms);
    }
    function finish(text, link) {
        finished = true;
        status(text);
        if (link) {
            var node = $("webinar-connection");
            node.appendChild(document.createTextNode(" "));
            node.appendChild(el("a", { href: link.href }, link.text));
        }
        root.querySelectorAll("form button, form input, form textarea, form select, .webinar-controls button, #hand-toggle").forEach(function (node) { node.disabled = true; });
    }

    function onClose(event) {
        socket = null;
        if (finished) { return; }  // room.ended or participant.removed came first
        switch (event.code) {
        case 4401: finish(T.logged_out, { href: root.dataset.loginUrl, text: T.log_in }); return;
        case 4403: finish(T.no_access); return;
        case 4404: finish(T.not_found); return;
        case 4409: finish(T.removed); return;
        case 4410: stateShow("afsluttet"); finish(T.ended); return;
        case 4425: status(T.not_open); later(RETRY_NOT_OPEN); return;
        case 4423: status(T.locked); later(RETRY_LOCKED); return;
        case 4429:
            var seconds = Number(event.reason) || retryAfter || RETRY_MAX / 1000;
            retryAfter = 0;
            status(fmt(T.busy, { seconds: seconds }));
            later(jittered(seconds * 1000));
            return;
        }
        status(T.reconnecting);
        later(Math.max(jittered(retryDelay), pausedUntil - Date.now()));
        retryDelay = Math.min(retryDelay * 2, RETRY_MAX);
    }

    function connect() {
        retryTimer = null;
        socket = new WebSocket(wsUrl);
        socket.addEventListener("message", onMessage);
        socket.addEventListener("close", onClose);
    }

    /* --- controls ---------------------------------------------------------------- */

    function onSubmit(id, handler) {
        var form = $(id);
        if (form) {
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                showError("");
                handler(form);
            });
        }
    }
    function onClick(id, handler) {
        var node = $(id);
        if (node) { node.addEventListener("click", function () { showError(""); handler(node); }); }
    }

    ["chat-form", "breakout-form"].forEach(function (id) {
        onSubmit(id, function (form) {
            var input = form.querySelector("input[name=text]");
            if (!input.value.trim()) { return; }
            var message = { type: "chat.send", text: input.value, to: form.dataset.to };
            if (form.dataset.to === "breakout" && visiting) { message.breakout = breakoutId; }
            send(message);
            input.value = "";
        });
    });
    onSubmit("question-form", function () {
        var text = $("question-text");
        if (!text.value.trim()) { return; }
        send({ type: "question.ask", text: text.value, anonymous: $("question-anonymous").checked });
        text.value = "";
    });
    onSubmit("caption-form", function () {
        var text = $("caption-text");
        if (!text.value.trim()) { return; }
        send({ type: "caption.send", text: text.value });
        text.value = "";
        text.focus();
    });
    onSubmit("poll-form", function () {
        var options = $("poll-options").value.split("\n").map(function (line) { return line.trim(); })
            .filter(function (line) { return line; });
        send({ type: "poll.open", question: $("poll-question").value, options: options });
        $("poll-question").value = "";
        $("poll-options").value = "";
    });
    onSubmit("breakout-open-form", function () {
        send({ type: "breakout.open", by: $("breakout-by").value, groups: Number($("breakout-groups").value), minutes: Number($("breakout-minutes").value) });
    });
    onClick("hand-toggle", function () { send({ type: handRaised ? "hand.lower" : "hand.raise" }); });
    onClick("slide-previous", function () { slideTurn(-1); });
    onClick("slide-next", function () { slideTurn(1); });
    // A narrower or wider window (or zoom) draws the page again at its new width.
    var resizeTimer = null;
    window.addEventListener("resize", function () {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(function () {
            if (slide.pages && !catchingUp && !$("slide-viewer").hidden) { slideRender(); }
        }, 200);
    });
    // Hosts turn pages from the keyboard while the slide has focus.
    var SLIDE_KEYS = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (isModerator) {
        $("slide-viewer").addEventListener("keydown", function (event) {
            var step = SLIDE_KEYS[event.key];
            if (!step || event.altKey || event.ctrlKey || event.metaKey) { return; }
            event.preventDefault();
            showError("");
            slideTurn(step);
        });
    }
    onClick("breakout-close", function () { send({ type: "breakout.close" }); });
    onClick("breakout-end", function () { send({ type: "breakout.close" }); });
    onClick("breakout-leave", function () { send({ type: "breakout.leave" }); });
    onSubmit("breakout-broadcast-form", function () {
        var text = $("breakout-broadcast-text");
        if (!text.value.trim()) { return; }
        send({ type: "breakout.broadcast", text: text.value });
        text.value = "";
    });
    onSubmit("breakout-extend-form", function () {
        send({ type: "breakout.extend", minutes: Number($("breakout-extend-minutes").value) });
    });
    // The time left counts down on its own; the overview's activity is asked for
    // every 5 seconds while groups are open (docs/webinar-protocol.md, breakouts).
    setInterval(timeShow, 1000);
    setInterval(function () { if (groupsOpen) { overviewRefresh(); } }, 5000);
    onClick("questions-approval", function (node) { send({ type: "questions.approval", required: node.getAttribute("aria-pressed") !== "true" }); });
    onClick("chat-pause", function (node) { send({ type: "chat.pause", paused: node.getAttribute("aria-pressed") !== "true" }); });
    onClick("room-lock", function (node) { send({ type: "room.lock", locked: node.getAttribute("aria-pressed") !== "true" }); });
    onClick("participants-load", function () { send({ type: "participants.list" }); });
    onClick("state-aaben", function () { send({ type: "room.state", state: "aaben" }); });
    onClick("state-live", function () { send({ type: "room.state", state: "live" }); });
    onClick("room-end", function () { if (window.confirm(T.confirm_end)) { send({ type: "room.end" }); } });

    // Drop the connection and come back after ``delay`` ms; catch-up brings what was
    // missed. Used by the browser test to prove that nothing is lost.
    var pausedUntil = 0;
    window.webinarReconnect = function (delay) {
        pausedUntil = Date.now() + (delay || 0);
        if (socket) { socket.close(); }
    };

    /* --- a quiet history: screen readers announce only what happens after loading.
       The live regions are silent (no aria-live, aria-busy) while the first
       catch-up replays the room's history into them, and live from then on. */
    var quietRegions = Array.prototype.slice.call(root.querySelectorAll("[aria-live]"));
    quietRegions.forEach(function (node) {
        node.dataset.live = node.getAttribute("aria-live");
        node.removeAttribute("aria-live");
        node.setAttribute("aria-busy", "true");
    });
    function catchUpDone() {
        if (!catchingUp) { return; }
        catchingUp = false;
        quietRegions.forEach(function (node) {
            node.setAttribute("aria-live", node.dataset.live);
            node.removeAttribute("aria-busy");
        });
        root.dataset.caughtUp = "true";
        if (slide.pages) { slideRender(); }
    }

    handToggleLabel();
    captionsSetUp();
    playerSetUp();
    connect();
}());

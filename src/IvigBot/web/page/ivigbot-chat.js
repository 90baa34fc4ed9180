/*
 * IvigBot chat widget. Load it after webchat.js, both from the IvigBot server:
 *
 *   <div id="ivigbot-chat" style="height: 600px"><p>Chat with our assistant here. ...</p></div>
 *   <script src="https://bot.example-clinic.org/webchat/webchat.js"></script>
 *   <script src="https://bot.example-clinic.org/webchat/ivigbot-chat.js" data-target="ivigbot-chat"></script>
 *
 * It asks the server for a Direct Line token (POST /api/webchat/token), then renders Web Chat in the target element,
 * talking to the server's own Direct Line endpoint (/v3/directline). Any button with
 * data-ivigbot-entry-id="<entry id>" on the page asks that question in the chat.
 *
 * Attributes of the script tag:
 *   data-target     the id of the element the chat goes in (default "ivigbot-chat")
 *   data-transport  "polling" to never try the WebSocket (default: WebSocket, falling back to polling)
 *   data-contact    what a patient should do when the chat cannot connect (default "call the clinic")
 *   data-emergency  who to call in an emergency (default "emergency services")
 *
 * The chat counts as connected when the assistant's first message (its greeting) arrives: until then the send box
 * and the page's question buttons are disabled and the patient is told the chat is connecting, so nothing typed is
 * lost. If the WebSocket brings nothing (a proxy that blocks WebSockets), the widget starts again by polling; if that
 * fails too, it tells the patient plainly whom to contact instead.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var server = new URL('..', script.src).href.replace(/\/$/, '');
  var target = document.getElementById(script.getAttribute('data-target') || 'ivigbot-chat');
  var pollingOnly = script.getAttribute('data-transport') === 'polling';
  var contact = script.getAttribute('data-contact') || 'call the clinic';
  var emergency = script.getAttribute('data-emergency') || 'emergency services';

  // How long each transport may take to bring the assistant's greeting before the widget gives up on it.
  var webSocketPatience = 10000;
  var pollingPatience = 20000;

  if (!target) {
    return;
  }

  var unavailable = 'Sorry, the chat cannot connect right now. Please try again later, or ' + contact +
    '. If you feel very unwell, call ' + emergency + ' now.';

  function Problem(text) {
    this.message = text;
  }

  function showProblem(text) {
    target.textContent = '';
    var message = document.createElement('p');
    message.className = 'ivigbot-status ivigbot-problem';
    message.setAttribute('role', 'alert');
    message.textContent = text;
    target.appendChild(message);
  }

  if (!window.WebChat) {
    showProblem(unavailable);
    return;
  }

  var styleOptions = {
    // Stop following the transcript once a reply arrives, with its first line at the top: a patient reads a long
    // answer from its start instead of landing at its end.
    autoScrollSnapOnPage: true,
    autoScrollSnapOnPageOffset: -8,
    accent: '#0b5cad',
    backgroundColor: '#ffffff',
    bubbleBackground: '#f2f4f7',
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: '#0b5cad',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 10,
    bubbleMaxWidth: 560,
    hideUploadButton: true,
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    rootHeight: '100%',
    sendBoxTextWrap: true,
    suggestedActionBorderRadius: 8,
    suggestedActionLayout: 'stacked',
    suggestedActionsStackedLayoutButtonTextWrap: true,
    suggestedActionHeight: 36,
    suggestedActionBorderColor: '#0b5cad',
    suggestedActionTextColor: '#084683'
  };

  var starterButtons = Array.prototype.slice.call(document.querySelectorAll('[data-ivigbot-entry-id]'));
  var currentStore = null;

  function setStartersEnabled(enabled) {
    starterButtons.forEach(function (button) {
      button.disabled = !enabled;
    });
  }

  starterButtons.forEach(function (button) {
    button.addEventListener('click', function () {
      if (!currentStore) {
        return;
      }
      var question = button.textContent.trim();
      currentStore.dispatch({
        type: 'WEB_CHAT/SEND_MESSAGE_BACK',
        payload: { text: question, displayText: question, value: { entryId: button.getAttribute('data-ivigbot-entry-id') } }
      });
      var sendBox = target.querySelector('input[type="text"], textarea');
      if (sendBox) {
        sendBox.focus();
      }
    });
  });

  function requestToken() {
    return fetch(server + '/api/webchat/token', { method: 'POST', credentials: 'omit' })
      .then(function (response) {
        if (response.status === 503) {
          throw new Problem('The chat is very busy right now. Please try again in a minute, or ' + contact +
            '. If you feel very unwell, call ' + emergency + ' now.');
        }
        if (!response.ok) {
          throw new Problem(unavailable);
        }
        return response.json();
      });
  }

  // One attempt with one transport. Resolves when the assistant's first message arrives; rejects when the
  // transport fails or brings nothing in time (the attempt is then torn down).
  function connect(useWebSocket) {
    return requestToken().then(function (conversation) {
      return new Promise(function (resolve, reject) {
        var directLine = window.WebChat.createDirectLine({
          token: conversation.token,
          domain: server + '/v3/directline',
          webSocket: useWebSocket
        });
        var settled = false;
        var connected = false;
        var store = window.WebChat.createStore({}, function () {
          return function (next) {
            return function (action) {
              if (!connected && action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
                var from = action.payload && action.payload.activity && action.payload.activity.from;
                if (from && from.role === 'bot') {
                  connected = true;
                  setTimeout(succeed, 0);
                }
              }
              return next(action);
            };
          };
        });

        // Inline layout: on a clinic's own site the page's style sheet is not there.
        var layout = document.createElement('div');
        layout.className = 'ivigbot-layout';
        layout.style.cssText = 'display: flex; flex-direction: column; height: 100%;';
        var status = document.createElement('p');
        status.className = 'ivigbot-status ivigbot-connecting';
        status.style.cssText = 'margin: 0; padding: 0.5rem 1rem;';
        status.setAttribute('role', 'status');
        status.textContent = 'Connecting to the assistant…';
        var chat = document.createElement('div');
        chat.className = 'ivigbot-webchat';
        chat.style.cssText = 'flex: 1 1 auto; min-height: 0;';
        layout.appendChild(status);
        layout.appendChild(chat);
        target.textContent = '';
        target.appendChild(layout);

        function render(disabled) {
          window.WebChat.renderWebChat({
            directLine: directLine,
            store: store,
            locale: 'en-US',
            styleOptions: styleOptions,
            disabled: disabled
          }, chat);
        }

        var timer = setTimeout(function () {
          fail(new Error('no greeting in time'));
        }, useWebSocket ? webSocketPatience : pollingPatience);

        var statusSubscription = directLine.connectionStatus$.subscribe(function (value) {
          // 4: FailedToConnect, 5: Ended (DirectLineJS's ConnectionStatus).
          if (value === 4 || value === 5) {
            setTimeout(function () {
              fail(new Error('connection status ' + value));
            }, 0);
          }
        });

        function succeed() {
          if (settled) {
            return;
          }
          settled = true;
          clearTimeout(timer);
          layout.removeChild(status);
          currentStore = store;
          render(false);
          setStartersEnabled(true);
          resolve();
        }

        function fail(error) {
          if (settled) {
            return;
          }
          settled = true;
          clearTimeout(timer);
          statusSubscription.unsubscribe();
          window.WebChat.renderWebChat({ directLine: directLine, store: store, disabled: true }, chat);
          directLine.end();
          reject(error);
        }

        render(true);
      });
    });
  }

  setStartersEnabled(false);
  (pollingOnly ? connect(false) : connect(true).catch(function (error) {
    if (error instanceof Problem) {
      throw error;
    }
    return connect(false);
  })).catch(function (error) {
    setStartersEnabled(false);
    showProblem(error instanceof Problem ? error.message : unavailable);
  });
})();

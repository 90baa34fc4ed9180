/*
 * IvigBot chat widget. Load it after webchat.js, both from the IvigBot server:
 *
 *   <div id="ivigbot-chat" style="height: 600px"></div>
 *   <script src="https://bot.example-clinic.org/webchat/webchat.js"></script>
 *   <script src="https://bot.example-clinic.org/webchat/ivigbot-chat.js" data-target="ivigbot-chat"></script>
 *
 * It asks the server for a Direct Line token (POST /api/webchat/token), then renders Web Chat in the target element,
 * talking to the server's own Direct Line endpoint (/v3/directline). data-transport="polling" turns the WebSocket
 * off. Any button with data-ivigbot-entry-id="<entry id>" on the page asks that question in the chat.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var server = new URL('..', script.src).href.replace(/\/$/, '');
  var target = document.getElementById(script.getAttribute('data-target') || 'ivigbot-chat');
  var usePolling = script.getAttribute('data-transport') === 'polling';

  if (!target) {
    return;
  }

  var unavailable = 'Sorry, the chat is not available right now. Please try again later, or call the clinic.';

  function Problem(text) {
    this.message = text;
  }

  function showStatus(text) {
    target.textContent = '';
    var message = document.createElement('p');
    message.className = 'ivigbot-status ivigbot-problem';
    message.setAttribute('role', 'alert');
    message.textContent = text;
    target.appendChild(message);
  }

  if (!window.WebChat) {
    showStatus(unavailable);
    return;
  }

  var styleOptions = {
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

  function bindStarterButtons(store) {
    var buttons = document.querySelectorAll('[data-ivigbot-entry-id]');
    Array.prototype.forEach.call(buttons, function (button) {
      button.disabled = false;
      button.addEventListener('click', function () {
        var question = button.textContent.trim();
        store.dispatch({
          type: 'WEB_CHAT/SEND_MESSAGE_BACK',
          payload: { text: question, displayText: question, value: { entryId: button.getAttribute('data-ivigbot-entry-id') } }
        });
        var sendBox = target.querySelector('input[type="text"], textarea');
        if (sendBox) {
          sendBox.focus();
        }
      });
    });
  }

  fetch(server + '/api/webchat/token', { method: 'POST', credentials: 'omit' })
    .then(function (response) {
      if (response.status === 503) {
        throw new Problem('The chat is very busy right now. Please try again in a minute.');
      }
      if (!response.ok) {
        throw new Problem(unavailable);
      }
      return response.json();
    })
    .then(function (conversation) {
      var directLine = window.WebChat.createDirectLine({
        token: conversation.token,
        domain: server + '/v3/directline',
        webSocket: !usePolling
      });
      var store = window.WebChat.createStore();
      target.textContent = '';
      window.WebChat.renderWebChat({ directLine: directLine, store: store, locale: 'en-US', styleOptions: styleOptions }, target);
      bindStarterButtons(store);
    })
    .catch(function (error) {
      showStatus(error instanceof Problem ? error.message : unavailable);
    });
})();

using IvigBot.BotFramework.Schema;

namespace IvigBot.BotFramework.Connector;

/// <summary>The part of the Bot Connector REST API a bot needs to answer (protocol doc section 2.3).</summary>
public interface IConnectorClient
{
    /// <summary>POSTs to <c>{serviceUrl}/v3/conversations/{conversation.id}/activities</c>.</summary>
    /// <exception cref="ConnectorException">The channel did not accept the activity after the allowed retries.</exception>
    Task<ResourceResponse> SendToConversationAsync(Uri serviceUrl, Activity activity, CancellationToken cancellationToken);

    /// <summary>POSTs to <c>{serviceUrl}/v3/conversations/{conversation.id}/activities/{replyToId}</c>.</summary>
    /// <exception cref="ConnectorException">The channel did not accept the activity after the allowed retries.</exception>
    Task<ResourceResponse> ReplyToActivityAsync(Uri serviceUrl, Activity activity, CancellationToken cancellationToken);
}

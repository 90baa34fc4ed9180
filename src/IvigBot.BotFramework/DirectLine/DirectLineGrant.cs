using Microsoft.AspNetCore.Http;

namespace IvigBot.BotFramework.DirectLine;

/// <summary>Who is calling: a token (its conversation and user) or the secret (token null); or why not.</summary>
internal sealed record DirectLineGrant(DirectLineToken? Token, string? Failure)
{
    /// <summary>The secret opens any conversation; a token only its own.</summary>
    public static DirectLineGrant Authenticate(HttpContext context, DirectLineServices services, string? conversationId, bool fromQuery)
    {
        var credential = fromQuery && context.Request.Query.TryGetValue("t", out var t) ? t.ToString() : DirectLineRequest.BearerCredential(context.Request);
        if (string.IsNullOrEmpty(credential))
        {
            return new DirectLineGrant(null, "A Direct Line token is required (Authorization: Bearer <token>).");
        }

        if (services.Tokens.IsSecret(credential))
        {
            return new DirectLineGrant(null, null);
        }

        if (!services.Tokens.TryValidate(credential, out var token, out var failure))
        {
            return new DirectLineGrant(null, failure);
        }

        return conversationId is null || string.Equals(token.ConversationId, conversationId, StringComparison.Ordinal)
            ? new DirectLineGrant(token, null)
            : new DirectLineGrant(null, "This token belongs to another conversation.");
    }
}

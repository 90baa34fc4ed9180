namespace IvigBot.BotFramework.Tests.Teams;

/// <summary>Teams-shaped payloads (protocol doc 5 and 7.4), on a loopback serviceUrl, which the anonymous adapter accepts.</summary>
internal static class TeamsPayloads
{
    /// <summary>Protocol doc 7.4: a channel message that @mentions the bot.</summary>
    public const string ChannelMention = """
        {"type":"message","id":"1741597800000","timestamp":"2025-03-10T09:10:00.000Z","channelId":"msteams",
         "serviceUrl":"http://localhost:52345/amer/",
         "from":{"id":"29:1AbC","name":"Ana Silva","aadObjectId":"6f1c0000-0000-4000-8000-000000000002"},
         "recipient":{"id":"28:5e6f7a8b-0000-4000-8000-000000000001","name":"IvigBot"},
         "conversation":{"id":"19:a1b2c3@thread.skype;messageid=1741597800000","conversationType":"channel","isGroup":true,"tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47"},
         "text":"<at>IvigBot</at> what is IVIG flu?\n","textFormat":"plain","locale":"en-US",
         "entities":[{"type":"mention","mentioned":{"id":"28:5e6f7a8b-0000-4000-8000-000000000001","name":"IvigBot"},"text":"<at>IvigBot</at>"},
                     {"type":"clientInfo","locale":"en-US","country":"US","platform":"Web"}],
         "attachments":[{"contentType":"text/html","content":"<div><at>IvigBot</at> what is IVIG flu?</div>"}],
         "channelData":{"channel":{"id":"19:a1b2c3@thread.skype","name":"Infusion nurses"},"team":{"id":"19:t9@thread.skype","name":"Day unit","aadGroupId":"0f0e0000-0000-4000-8000-000000000003"},"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"},"eventType":null,"settings":{"selectedChannel":{"id":"19:a1b2c3@thread.skype"}}}}
        """;

    /// <summary>A personal (1:1) chat message; the tenant is only in channelData, as some clients send it.</summary>
    public const string PersonalMessage = """
        {"type":"message","id":"1741597900000","channelId":"msteams","serviceUrl":"http://localhost:52345/amer/",
         "from":{"id":"29:1AbC","name":"Ana Silva"},"recipient":{"id":"28:5e6f7a8b-0000-4000-8000-000000000001","name":"IvigBot"},
         "conversation":{"id":"a:1pErSoNaL","conversationType":"personal"},
         "text":"what is IVIG flu?","locale":"en-US",
         "channelData":{"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"}}}
        """;

    /// <summary>An <c>Action.Execute</c> click (protocol doc 5.5).</summary>
    public static string AdaptiveCardAction(string actionType = "Action.Execute", string verb = "answer") => """
        {"type":"invoke","name":"adaptiveCard/action","id":"f:inv1","channelId":"msteams","serviceUrl":"http://localhost:52345/amer/",
         "from":{"id":"29:1AbC","name":"Ana Silva"},"recipient":{"id":"28:5e6f7a8b-0000-4000-8000-000000000001","name":"IvigBot"},
         "conversation":{"id":"a:1pErSoNaL","conversationType":"personal","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47"},
         "value":{"action":{"type":"ACTION_TYPE","verb":"VERB","id":"a1","data":{"entryId":"ivig-flu"}},"trigger":"manual"},
         "channelData":{"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"},"source":{"name":"message"}}}
        """.Replace("ACTION_TYPE", actionType, StringComparison.Ordinal).Replace("VERB", verb, StringComparison.Ordinal);
}

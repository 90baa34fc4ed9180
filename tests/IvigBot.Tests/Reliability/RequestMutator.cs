using System.Text;
using System.Text.Json.Nodes;

namespace IvigBot.Tests.Reliability;

/// <summary>One generated request: the body bytes, how it was made (for the failure message) and the text marker it carries.</summary>
public sealed record MutatedRequest(string Kind, byte[] Body, string? ContentType, string Marker)
{
    public string Excerpt => Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
}

/// <summary>
/// Makes hostile variations of a valid request body from a seeded <see cref="Random"/>: nasty text (markup, script,
/// search syntax, control characters, emoji, right-to-left, lone surrogates, huge), wrong types, random JSON, deep
/// nesting, invalid UTF-8, truncation and random bytes. Every text carries a marker that must never come back in a reply.
/// </summary>
#pragma warning disable CA5394 // Reproducible fuzzing needs a seeded, not a cryptographic, generator.
public sealed class RequestMutator(Random random)
{
    private static readonly string[] Questions =
    [
        "what is IVIG flu", "how long does an infusion take", "can i drive after ivig", "I can't breathe", "should i skip my dose",
        "hi", "thanks", "what are the side effects", "no chest pain, just a headache", "does ivig cause kidney problems",
    ];

    private static readonly string[] Nasty =
    [
        "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "</div><iframe src=//evil>", "javascript:alert(1)",
        "[click](javascript:alert(1))", "**bold** _it_ `code` ```block```", "# Heading\n> quote\n- list", "![img](http://evil/x.png)",
        "'; DROP TABLE faq;--", "\" OR 1=1 --", "ivig AND OR NOT NEAR(", "NEAR(ivig flu, 2)", "\"unterminated", "ivig*", "*", "^ivig",
        "question:flu", "{}[]()", "{{7*7}}", "${jndi:ldap://x}", "%s%s%n", "../../etc/passwd", "\\u0000", "C:\\con\\aux",
        "مرحبا ما هو العلاج", "שלום מה זה", "\u202Eevil\u202C", "\u200B\u200C\u200D\uFEFF", "🙂👍🏽🧑‍⚕️💉🩸", "e\u0301\u0301\u0301\u0301",
        "\uD800", "\uDC00ab", "\u0000\u0001\u0007\u001B[31m", "\r\n\r\n", "\t\t", "   ", "Ω≈ç√∫˜µ≤≥÷", "ｉｖｉｇ ｆｌｕ", "İSTANBUL ıi",
        "NaN", "Infinity", "-0", "1e309", "null", "true",
    ];

    private static readonly string[] ActivityKeys =
    [
        "type", "id", "channelId", "deliveryMode", "conversation", "from", "recipient", "text", "textFormat", "value", "entities",
        "attachments", "membersAdded", "membersRemoved", "reactionsAdded", "reactionsRemoved", "replyToId", "locale", "timestamp",
        "localTimestamp", "channelData", "name", "suggestedActions", "serviceUrl", "question", "id", "speak", "inputHint",
    ];

    private static readonly string[] ActivityTypes =
    [
        "message", "conversationUpdate", "messageReaction", "invoke", "event", "typing", "endOfConversation", "installationUpdate",
        "messageUpdate", "messageDelete", "trace", "handoff", "", "MESSAGE", "unknownType",
    ];

    public MutatedRequest Next(FuzzTarget target)
    {
        var marker = "fz" + random.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "q";
        var text = NastyText(marker);
        var body = target.ValidBody(text);
        var roll = random.Next(100);
        return roll switch
        {
            < 30 => Json("nasty text", body, marker),
            < 45 => Json("wrong type", WrongType(body), marker),
            < 52 => Json("activity shape", ActivityShape(body, marker), marker),
            < 60 => Json("random json", RandomJson(0), marker),
            < 65 => Raw("deep nesting", DeepNesting(), marker),
            < 72 => Raw("invalid utf-8", InvalidUtf8(body), marker),
            < 80 => Raw("truncated", Truncated(body), marker),
            < 84 => Raw("random bytes", RandomBytes(random.Next(0, 2000)), marker),
            < 88 => Raw("empty", [], marker),
            < 91 => Json("huge text", target.ValidBody(marker + new string('a', random.Next(10_000, 300_000))), marker),
            < 94 => new MutatedRequest("wrong content type", Encoding.UTF8.GetBytes(body.ToJsonString()), random.Next(2) == 0 ? "text/plain" : null, marker),
            < 97 => Raw("bom and whitespace", Encoding.UTF8.GetBytes("\uFEFF \n\t" + body.ToJsonString() + "\n\n"), marker),
            _ => Raw("duplicate keys", Encoding.UTF8.GetBytes(body.ToJsonString().TrimEnd('}') + ",\"" + target.TextField + "\":" + JsonValue.Create(text)!.ToJsonString() + "}"), marker),
        };
    }

    private static MutatedRequest Json(string kind, JsonNode? node, string marker) =>
        new(kind, Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"), "application/json", marker);

    private static MutatedRequest Raw(string kind, byte[] body, string marker) => new(kind, body, "application/json", marker);

    private string NastyText(string marker)
    {
        var text = new StringBuilder();
        var parts = random.Next(1, 5);
        for (var i = 0; i < parts; i++)
        {
            text.Append(random.Next(3) == 0 ? Questions[random.Next(Questions.Length)] : Nasty[random.Next(Nasty.Length)]).Append(' ');
        }

        // The marker sits inside markup, so an unescaped echo would show up as the raw marker.
        text.Insert(random.Next(text.Length + 1), $"<b>{marker}</b>");
        if (random.Next(10) == 0)
        {
            text.Append((char)random.Next(0, 0x20));
        }

        return text.ToString();
    }

    private JsonObject WrongType(JsonObject body)
    {
        var key = random.Next(3) == 0 ? ActivityKeys[random.Next(ActivityKeys.Length)] : body.ElementAt(random.Next(body.Count)).Key;
        body[key] = RandomJson(1);
        return body;
    }

    /// <summary>A valid-looking activity of another type, with plausible but odd members.</summary>
    private JsonObject ActivityShape(JsonObject body, string marker)
    {
        body["type"] = ActivityTypes[random.Next(ActivityTypes.Length)];
        switch (random.Next(5))
        {
            case 0:
                body["membersAdded"] = new JsonArray(new JsonObject { ["id"] = marker, ["name"] = "<b>" + marker + "</b>" }, null, new JsonObject());
                break;
            case 1:
                body["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = marker }, new JsonObject { ["type"] = 5 });
                break;
            case 2:
                body["value"] = new JsonObject { ["entryId"] = random.Next(2) == 0 ? marker : "ivig-flu", ["feedback"] = random.Next(2) == 0 ? "helpful" : null };
                break;
            case 3:
                body["name"] = random.Next(2) == 0 ? "adaptiveCard/action" : marker;
                body["value"] = RandomJson(1);
                break;
            default:
                body["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>" + marker + "</at>", ["mentioned"] = new JsonObject { ["id"] = "bot-1" } });
                break;
        }

        return body;
    }

    private JsonNode? RandomJson(int depth)
    {
        var kind = depth > 4 ? random.Next(5) : random.Next(8);
        return kind switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(4) switch { 0 => long.MaxValue, 1 => -1, 2 => 0, _ => random.NextDouble() * 1e300 }),
            3 => JsonValue.Create(Nasty[random.Next(Nasty.Length)]),
            4 => JsonValue.Create(new string((char)random.Next(0x20, 0x7F), random.Next(0, 50))),
            5 => new JsonArray(Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomJson(depth + 1)).ToArray()),
            _ => RandomObject(depth),
        };
    }

    private JsonObject RandomObject(int depth)
    {
        var obj = new JsonObject();
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            obj[ActivityKeys[random.Next(ActivityKeys.Length)]] = RandomJson(depth + 1);
        }

        return obj;
    }

    private byte[] DeepNesting()
    {
        var depth = random.Next(65, 20_000);
        var array = random.Next(2) == 0;
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(array ? "[" : "{\"value\":");
        }

        text.Append('1');
        if (random.Next(2) == 0)
        {
            for (var i = 0; i < depth; i++)
            {
                text.Append(array ? ']' : '}');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private byte[] InvalidUtf8(JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString()).ToList();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            byte[] bad = random.Next(4) switch
            {
                0 => [0xFF],
                1 => [0xC3],                 // a lead byte with no continuation
                2 => [0xED, 0xA0, 0x80],     // an encoded surrogate
                _ => [0xF8, 0x88, 0x80, 0x80], // a five-byte form
            };
            bytes.InsertRange(random.Next(bytes.Count + 1), bad);
        }

        return [.. bytes];
    }

    private byte[] Truncated(JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return bytes[..random.Next(0, bytes.Length)];
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
#pragma warning restore CA5394

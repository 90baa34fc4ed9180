using Microsoft.Bot.Schema;
using Microsoft.Rest.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace IvigBot.BotFramework.Integration;

/// <summary>
/// Writes an <see cref="Activity"/> as Newtonsoft's own walk of its contract would, for the activities a bot sends:
/// each property in the contract's order, with its <c>ShouldSerialize</c>, nulls left out; strings, booleans and
/// timestamps written by the writer; accounts (<c>from</c>, <c>recipient</c>, <c>conversation</c>) walked the same way;
/// empty attachment and entity lists as <c>[]</c>; frozen buttons as their JSON (<see cref="FrozenSuggestedActions"/>).
/// Newtonsoft's general walk (converters, references, contracts looked up per value) was about half of the CPU time of
/// writing a reply. Anything else (a card, channel data, a value, extension data) and the whole activity goes to
/// <paramref name="plain"/>, the same serializer without this converter, so the wire stays Newtonsoft's to the byte
/// (the differential tests compare both). The contracts are checked once: should the SDK or the settings ever give
/// these types converters, references or other null and default handling, this converter takes nothing.
/// The body of an expectReplies answer (<see cref="ExpectedReplies"/>) is written the same way (<see cref="TryWrite"/>).
/// </summary>
internal sealed class ActivityJsonConverter(JsonSerializer serializer, JsonSerializer plain) : JsonConverter
{
    /// <summary>The list types a message reply carries empty (<see cref="Activity.Attachments"/>, <see cref="Activity.Entities"/>).</summary>
    private static readonly Type[] EmptyListTypes = [typeof(List<Attachment>), typeof(List<Entity>)];

    private static readonly Type[] ValueTypes = [typeof(string), typeof(bool), typeof(DateTimeOffset), typeof(ChannelAccount), typeof(ConversationAccount), .. EmptyListTypes, typeof(ExpectedReplies), typeof(List<Activity>)];

    private readonly Shape? _activity = Shape.For(serializer, typeof(Activity));
    private readonly Shape? _channelAccount = Shape.For(serializer, typeof(ChannelAccount));
    private readonly Shape? _conversationAccount = Shape.For(serializer, typeof(ConversationAccount));
    private readonly Shape? _expectedReplies = Shape.For(serializer, typeof(ExpectedReplies));

    /// <summary>Whether Newtonsoft writes a <c>List&lt;Activity&gt;</c> item by item with nothing of its own (converters, references, callbacks).</summary>
    private readonly bool _activityListIsPlain = serializer.ContractResolver.ResolveContract(typeof(List<Activity>)) is JsonArrayContract
    {
        Converter: null,
        ItemConverter: null,
        IsReference: not true,
        ItemIsReference: not true,
        ItemTypeNameHandling: null,
        OnSerializingCallbacks.Count: 0,
        OnSerializedCallbacks.Count: 0,
    };

    public override bool CanRead => false;

    public override bool CanConvert(Type objectType) =>
        objectType == typeof(Activity)
        && _activity is not null && _channelAccount is not null && _conversationAccount is not null
        && SettingsArePlain(serializer);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        throw new NotSupportedException("Activities are read by Newtonsoft's own walk.");

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        var activity = (Activity)value!;
        if (activity.Properties is { Count: > 0 } || !IsPlain(_activity!, activity))
        {
            plain.Serialize(writer, activity);
            return;
        }

        Write(writer, _activity!, activity);
    }

    /// <summary>
    /// Writes <paramref name="replies"/> (the body of an expectReplies answer) as Newtonsoft's walk would, each activity
    /// as <see cref="WriteJson"/> does, without starting Newtonsoft's walk at all; false, with nothing written, when its
    /// contract, the settings or a value (a list of another type, an activity of a derived type) are not plain.
    /// </summary>
    public bool TryWrite(JsonWriter writer, ExpectedReplies replies)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(replies);
        if (_expectedReplies is not { } shape || !_activityListIsPlain || !CanConvert(typeof(Activity)))
        {
            return false;
        }

        foreach (var property in shape.Properties)
        {
            if (shape.Writes(property, replies)
                && property.ValueProvider!.GetValue(replies) is { } value
                && (value is not List<Activity> list
                    || property.ItemConverter is not null || property.ItemIsReference is not null || property.ItemTypeNameHandling is not null
                    || list.Exists(a => a is not null && a.GetType() != typeof(Activity))))
            {
                return false;
            }
        }

        writer.WriteStartObject();
        foreach (var property in shape.Properties)
        {
            if (!shape.Writes(property, replies) || property.ValueProvider!.GetValue(replies) is not List<Activity> activities)
            {
                continue;
            }

            writer.WritePropertyName(property.PropertyName!);
            writer.WriteStartArray();
            foreach (var activity in activities)
            {
                if (activity is null)
                {
                    writer.WriteNull();
                }
                else
                {
                    WriteJson(writer, activity, serializer);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        return true;
    }

    private bool IsPlain(Shape shape, object owner)
    {
        foreach (var property in shape.Properties)
        {
            if (!shape.Writes(property, owner))
            {
                continue;
            }

            var supported = property.ValueProvider!.GetValue(owner) switch
            {
                null or string or bool or DateTimeOffset or FrozenSuggestedActions => true,
                ChannelAccount account when account.GetType() == typeof(ChannelAccount) => account.Properties is not { Count: > 0 } && IsPlain(_channelAccount!, account),
                ConversationAccount conversation when conversation.GetType() == typeof(ConversationAccount) => conversation.Properties is not { Count: > 0 } && IsPlain(_conversationAccount!, conversation),
                System.Collections.ICollection { Count: 0 } list => Array.IndexOf(EmptyListTypes, list.GetType()) >= 0,
                _ => false,
            };
            if (!supported)
            {
                return false;
            }
        }

        return true;
    }

    private void Write(JsonWriter writer, Shape shape, object owner)
    {
        writer.WriteStartObject();
        foreach (var property in shape.Properties)
        {
            if (!shape.Writes(property, owner) || property.ValueProvider!.GetValue(owner) is not { } value)
            {
                continue;
            }

            writer.WritePropertyName(property.PropertyName!);
            switch (value)
            {
                case string text:
                    writer.WriteValue(text);
                    break;
                case bool flag:
                    writer.WriteValue(flag);
                    break;
                case DateTimeOffset time:
                    writer.WriteValue(time);
                    break;
                case FrozenSuggestedActions frozen:
                    writer.WriteRawValue(BotFrameworkJson.FrozenSuggestedActionsConverter.Json(frozen));
                    break;
                case ConversationAccount conversation:
                    Write(writer, _conversationAccount!, conversation);
                    break;
                case ChannelAccount account:
                    Write(writer, _channelAccount!, account);
                    break;
                default: // an empty list (see IsPlain)
                    writer.WriteStartArray();
                    writer.WriteEndArray();
                    break;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Newtonsoft's walk writes these values as the converter does only while no converter claims them and nulls are
    /// left out, defaults kept, no type names or references written.
    /// </summary>
    private static bool SettingsArePlain(JsonSerializer serializer)
    {
        if (serializer.NullValueHandling != NullValueHandling.Ignore
            || serializer.DefaultValueHandling != DefaultValueHandling.Include
            || serializer.TypeNameHandling != TypeNameHandling.None
            || serializer.PreserveReferencesHandling != PreserveReferencesHandling.None)
        {
            return false;
        }

        // Asked for every activity read or written: a loop by index, not a query nor the collection's boxed enumerator.
        var converters = serializer.Converters;
        for (var i = 0; i < converters.Count; i++)
        {
            var converter = converters[i];
            if (converter is ActivityJsonConverter or BotFrameworkJson.FrozenSuggestedActionsConverter)
            {
                continue;
            }

            foreach (var type in ValueTypes)
            {
                if (converter.CanConvert(type))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The properties Newtonsoft writes for a type, in its order; null when its contract is not a plain one.
    /// <para>
    /// The SDK's resolver (Microsoft.Rest's <see cref="ReadOnlyJsonContractResolver"/>) gives every property a
    /// <c>ShouldSerialize</c> that looks only at the property (a setter that is not private, or a static getter), never at
    /// the object, through reflection on each call: about a tenth of writing a reply. With that resolver it is asked once
    /// per property here; with any other, for every object as Newtonsoft does.
    /// </para>
    /// </summary>
    private sealed class Shape(JsonProperty[] properties, bool perObject)
    {
        public JsonProperty[] Properties { get; } = properties;

        /// <summary>Whether <paramref name="property"/> of <paramref name="owner"/> is written, as its <c>ShouldSerialize</c> says.</summary>
        public bool Writes(JsonProperty property, object owner) => !perObject || property.ShouldSerialize?.Invoke(owner) != false;

        public static Shape? For(JsonSerializer serializer, Type type)
        {
            if (serializer.ContractResolver.ResolveContract(type) is not JsonObjectContract contract
                || contract.Converter is not null
                || contract.IsReference == true
                || contract.OnSerializingCallbacks.Count > 0
                || contract.OnSerializedCallbacks.Count > 0
                || contract.ItemConverter is not null)
            {
                return null;
            }

            var perObject = serializer.ContractResolver.GetType() != typeof(ReadOnlyJsonContractResolver);
            var written = contract.Properties
                .Where(p => !p.Ignored && p.Readable && (perObject || p.ShouldSerialize?.Invoke(null!) != false))
                .ToArray();
            var plain = written.All(p =>
                p.PropertyName is not null
                && p.ValueProvider is not null
                && p.Converter is null
                && p.GetIsSpecified is null
                && p.IsReference is null
                && p.TypeNameHandling is null
                && p.NullValueHandling is null or NullValueHandling.Ignore
                && p.DefaultValueHandling is null);
            return plain ? new Shape(written, perObject) : null;
        }
    }
}

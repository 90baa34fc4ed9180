namespace IvigBot.BotFramework.Builder;

/// <summary>Values attached to one turn, by key.</summary>
public sealed class TurnState
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>The value stored under <paramref name="key"/>, or default when absent or of another type.</summary>
    public T? Get<T>(string key) => _values.TryGetValue(key, out var value) && value is T typed ? typed : default;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any previous value; null removes it.</summary>
    public void Set<T>(string key, T? value)
    {
        if (value is null)
        {
            _values.Remove(key);
        }
        else
        {
            _values[key] = value;
        }
    }
}

using IvigBot.Answering;
using IvigBot.Content;

namespace IvigBot.Core.Tests.Infrastructure;

/// <summary>One answer engine over the shipped faq/ with default options, built once per test class.</summary>
public sealed class ShippedEngineFixture : IDisposable
{
    public ShippedEngineFixture()
    {
        Content = FaqContentLoader.Load(RepoPaths.Faq);
        Engine = new AnswerEngine(Content, Options);
    }

    public AnsweringOptions Options { get; } = new();

    public FaqContent Content { get; }

    public AnswerEngine Engine { get; }

    public void Dispose() => Engine.Dispose();
}

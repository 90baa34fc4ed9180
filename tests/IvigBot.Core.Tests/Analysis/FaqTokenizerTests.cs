using IvigBot.Analysis;

namespace IvigBot.Core.Tests.Analysis;

public class FaqTokenizerTests
{
    [Theory]
    [InlineData("Guillain-Barré", "guillain barre")]
    [InlineData("GUILLAIN-BARRE syndrome", "guillain barre syndrome")]
    [InlineData("What is IVIG?", "what is ivig")]
    [InlineData("I can't breathe", "i not breathe")]
    [InlineData("it doesn\u2019t work", "it not work")]
    [InlineData("my patient's infusion", "my patients infusion")]
    [InlineData("Barre\u0301", "barre")]
    [InlineData("Sjögren's", "sjogrens")]
    [InlineData("fever,chills;headache", "fever chills headache")]
    [InlineData("  \t\n ", "")]
    [InlineData("IVIG 2024 (10%)", "ivig 2024 10")]
    public void Tokenize_splits_folds_and_normalises_negations(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', FaqTokenizer.Tokenize(text)));
    }

    [Theory]
    [InlineData("I can't breathe", "i cant breathe")]
    [InlineData("I don't have chest pain", "i dont have chest pain")]
    [InlineData("never", "never")]
    public void TokenizeRaw_keeps_negations_as_written(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', FaqTokenizer.TokenizeRaw(text)));
    }
}

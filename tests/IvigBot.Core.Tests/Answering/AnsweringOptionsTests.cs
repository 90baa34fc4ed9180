using IvigBot.Answering;

namespace IvigBot.Core.Tests.Answering;

public class AnsweringOptionsTests
{
    [Theory]
    [InlineData(1.2f, 0.75f, true)]
    [InlineData(0f, 0f, true)]
    [InlineData(3f, 1f, true)]
    [InlineData(-0.1f, 0.75f, false)]
    [InlineData(float.NaN, 0.75f, false)]
    [InlineData(float.PositiveInfinity, 0.75f, false)]
    [InlineData(1.2f, -0.1f, false)]
    [InlineData(1.2f, 1.1f, false)]
    [InlineData(1.2f, float.NaN, false)]
    public void Bm25_parameters_are_checked_at_start_up(float k1, float b, bool valid)
    {
        Assert.Equal(valid, !new AnsweringOptions { Bm25K1 = k1, Bm25B = b }.Validate().Any());
    }
}

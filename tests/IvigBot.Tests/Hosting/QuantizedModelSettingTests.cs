using System.Net.Http.Json;
using System.Text.Json;
using IvigBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace IvigBot.Tests.Hosting;

/// <summary><c>Answering:QuantizedModel</c>: the int8 model by default, the float model when set to false, nothing else.</summary>
public class QuantizedModelSettingTests(IvigBotFactory factory) : IClassFixture<IvigBotFactory>
{
    private WebApplicationFactory<Program> WithQuantizedModel(string value) =>
        factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection([new KeyValuePair<string, string?>("Answering:QuantizedModel", value)])));

    [Theory]
    [InlineData("how many hours will I be sitting in the chair for the drip", "infusion-length")]
    [InlineData("is my kidney function at risk from this drug", "kidney-problems")]
    public async Task The_float_model_when_set_answers_a_paraphrase_as_the_int8_model_does(string question, string id)
    {
        using var full = WithQuantizedModel("false");
        using var fullClient = full.CreateClient();
        using var quantizedClient = factory.CreateClient();

        Assert.Equal(id, await AnswerId(quantizedClient, question));
        Assert.Equal(id, await AnswerId(fullClient, question));

        static async Task<string?> AnswerId(HttpClient client, string question)
        {
            using var response = await client.PostAsJsonAsync("/api/ask", new { question });
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return body.TryGetProperty("id", out var id) ? id.GetString() : body.GetProperty("kind").GetString();
        }
    }

    [Fact]
    public void A_value_that_is_not_true_or_false_stops_the_start_and_names_the_setting()
    {
        using var configured = WithQuantizedModel("maybe");

        var error = Assert.ThrowsAny<InvalidOperationException>(() => configured.CreateClient());

        Assert.Contains("Answering:QuantizedModel", error.ToString(), StringComparison.Ordinal);
    }
}

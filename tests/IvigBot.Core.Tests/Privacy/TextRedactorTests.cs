using IvigBot.Privacy;

namespace IvigBot.Core.Tests.Privacy;

/// <summary>Sample personal data (all made up) against what may reach a log line.</summary>
public class TextRedactorTests
{
    [Theory]
    // E-mail addresses and links
    [InlineData("email me at jane.doe+ivig@example.co.uk please", "email me at [email] please")]
    [InlineData("J.Smith@nhs.net", "[email]")]
    [InlineData("see https://facebook.com/jane.doe.5 for my story", "see [link] for my story")]
    // Phone numbers
    [InlineData("call me on +44 7700 900123", "call me on [phone]")]
    [InlineData("my number is +1 (555) 123-4567", "my number is [phone]")]
    [InlineData("ring 020 7946 0958 after 5", "ring [phone] after 5")]
    [InlineData("mobile 07700900123", "mobile [phone]")]
    [InlineData("text (555) 123-4567 anytime", "text [phone] anytime")]
    [InlineData("555-123-4567", "[phone]")]
    [InlineData("+33 1 42 68 53 00", "[phone]")]
    // Dates
    [InlineData("born 12/03/1980, is ivig safe", "born [date], is ivig safe")]
    [InlineData("my infusion is on 2024-05-17", "my infusion is on [date]")]
    [InlineData("dob 3.4.85", "dob [date]")]
    [InlineData("I was diagnosed on 3rd of March 2021", "I was diagnosed on [date]")]
    [InlineData("next infusion March 12, 2025 at the clinic", "next infusion [date] at the clinic")]
    [InlineData("since 14 feb", "since [date]")]
    [InlineData("born in June 1979", "born in [date]")]
    // Record numbers
    [InlineData("my MRN is 00123456", "my MRN is [number]")]
    [InlineData("NHS number 943 476 5919", "NHS number [number]")]
    [InlineData("nhs no: 9434765919", "nhs no: [number]")]
    [InlineData("MRN 1234", "MRN [number]")]
    [InlineData("patient id #A12345 asked", "patient id #[number] asked")]
    [InlineData("hospital number RX1234567", "hospital number [number]")]
    [InlineData("insurance 123-45-6789", "insurance [number]")]
    [InlineData("ref A1234567", "ref [number]")]
    [InlineData("zip 90210", "zip [number]")]
    // Postcodes
    [InlineData("I live in SW1A 1AA", "I live in [postcode]")]
    [InlineData("near m1 1ae", "near [postcode]")]
    // Names
    [InlineData("my name is John Smith and I have CIDP", "my name is [name] and I have CIDP")]
    [InlineData("Hi, my name is sarah o'brien. Is ivig safe?", "Hi, my name is [name]. Is ivig safe?")]
    [InlineData("i am called Mary-Ann", "i am called [name]")]
    [InlineData("This is Dr Patel from the ward", "This is [name] from the ward")]
    [InlineData("my name's tom, i get ivig", "my name's [name], i get ivig")]
    [InlineData("they call me Big Al", "they call me [name]")]
    // Everything at once
    [InlineData(
        "My name is Jane Doe, DOB 04/07/1975, NHS 485 777 3456, email jane@doe.org, tel 07700 900 982. Can I skip my IVIG?",
        "My name is [name], DOB [date], NHS [number], email [email], tel [phone]. Can I skip my IVIG?")]
    public void Personal_data_is_replaced_by_tags(string text, string expected)
    {
        Assert.Equal(expected, TextRedactor.Redact(text));
    }

    [Theory]
    [InlineData("what is IVIG flu")]
    [InlineData("is it normal to get a headache 2 days after ivig?")]
    [InlineData("I get IVIG every 3 weeks, is that normal")]
    [InlineData("my infusion takes 4 hours")]
    [InlineData("how long does a 400 mg/kg infusion take")]
    [InlineData("i have been on ivig since 2019")]
    [InlineData("does IVIG help with CIDP or MMN")]
    [InlineData("this is my first infusion")]
    [InlineData("this is IVIG right?")]
    [InlineData("may I drink coffee during the infusion")]
    [InlineData("is 5 days in a row normal")]
    [InlineData("i'm 45 and just diagnosed with myasthenia gravis")]
    [InlineData("what does the IgG level of 7.5 g/L mean")]
    [InlineData("Can I get the flu vaccine with ivig?")]
    [InlineData("no chest pain, just a headache")]
    [InlineData("<script>alert(1)</script> 🙂 مرحبا")]
    [InlineData("")]
    public void Question_words_and_small_numbers_survive(string text)
    {
        Assert.Equal(text, TextRedactor.Redact(text));
    }

    [Fact]
    public void Null_stays_null()
    {
        Assert.Null(TextRedactor.Redact(null));
    }

    [Fact]
    public void Long_text_is_cut()
    {
        var redacted = TextRedactor.Redact(new string('a', TextRedactor.MaxLength * 3));

        Assert.Equal(TextRedactor.MaxLength + 1, redacted!.Length);
        Assert.EndsWith("…", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('1')]
    [InlineData('a')]
    [InlineData('@')]
    [InlineData('+')]
    public void Pathological_input_is_handled_quickly(char filler)
    {
        var text = string.Join(' ', Enumerable.Repeat(new string(filler, 60), 30)) + "@x";

        var redacted = TextRedactor.Redact(text);

        Assert.NotNull(redacted);
        Assert.DoesNotContain("111111", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ivig-flu", "ivig-flu")]
    [InlineData("0b6e2c1e-8f3a-4a8e-9d55-2b1f6c7a9e01|livechat", "0b6e2c1e-8f3a-4a8e-9d55-2b1f6c7a9e01|livechat")]
    [InlineData("19:meeting_abc@thread.v2;messageid=1712", "19:meeting_abc@thread.v2;messageid=1712")]
    [InlineData("like", "like")]
    [InlineData("my name is John Smith", TextRedactor.NotAnId)]
    [InlineData("jane@doe.org\nfake log line", TextRedactor.NotAnId)]
    [InlineData("<script>", TextRedactor.NotAnId)]
    [InlineData("", TextRedactor.NotAnId)]
    [InlineData(null, null)]
    public void Ids_are_logged_only_when_they_look_like_ids(string? id, string? expected)
    {
        Assert.Equal(expected, TextRedactor.RedactId(id));
    }

    [Fact]
    public void A_hashed_id_matches_itself_but_shows_nothing_of_the_id()
    {
        var email = TextRedactor.HashId("jane.doe@example.org")!;

        Assert.Matches("^#[0-9a-f]{12}$", email);
        Assert.Equal(email, TextRedactor.HashId("jane.doe@example.org"));
        Assert.NotEqual(email, TextRedactor.HashId("jane.doe@example.com"));
        Assert.DoesNotContain("jane", email, StringComparison.OrdinalIgnoreCase);
        Assert.Null(TextRedactor.HashId(null));
    }

    [Theory]
    [InlineData("my friend Zebediah says ivig flu is contagious", "my friend [word] says ivig flu is contagious")]
    [InlineData("Sarah here, does ivig hurt", "[word] here, does ivig hurt")]
    [InlineData("I asked Dr Okonkwo about IVIG", "I asked [word] [word] about IVIG")]
    [InlineData("does medicare cover hearing aids", "does medicare cover hearing aids")]
    [InlineData("email jane@example.org about ivig", "email [email] about ivig")]
    [InlineData("my name is Rose and I have mg", "my name is [name] and I have mg")]
    public void For_logs_words_outside_the_faq_and_the_dictionary_are_removed_too(string text, string expected)
    {
        HashSet<string> faqWords = ["my", "ivig", "flu", "does", "hurt", "i", "about", "is", "and", "have", "mg", "email"];

        Assert.Equal(expected, TextRedactor.RedactForLog(text, faqWords.Contains));
    }
}

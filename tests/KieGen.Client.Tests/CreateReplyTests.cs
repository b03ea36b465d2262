namespace KieGen.Client.Tests;

/// <summary>Kie's recorded code 500 answers to a create: a missing field refused the input; a server exception did not.</summary>
public class CreateReplyTests
{
    [Theory]
    [InlineData(500, "This field is required", true)]
    [InlineData(500, "text is required", true)]
    [InlineData(500, "Server exception, please try again later", false)]
    [InlineData(422, "This field is required", false)]
    public void A_500_naming_a_required_field_is_a_refused_input(int code, string message, bool refused) =>
        Assert.Equal(refused, KieCreateReply.RejectsInput(new KieEnvelope(HttpStatusCode.OK, code, message, default, null)));
}

using KieGen.Generator.Model;
using KieGen.Generator.Parsing;
using KieGen.Requests;

namespace KieGen.Generator.Tests;

/// <summary>
/// The generator's closed vocabularies: each wire word table covers its model enum, and the model enums whose members
/// generated code names (family, result kind, body style) are the runtime's, member for member.
/// </summary>
public class VocabularyTests
{
    [Fact]
    public void Every_family_a_file_may_name_is_a_member_of_KieApiFamily_and_every_member_has_a_name()
    {
        Assert.Equal(Enum.GetNames<KieApiFamily>(), Enum.GetNames<ApiFamily>());
        Assert.Equal(Enum.GetValues<ApiFamily>(), Keywords.Families.Values);
        Assert.Equal(ApiFamily.Gpt4oImage, Keywords.Families.Find("gpt4o-image"));
        Assert.Equal("flux-kontext", Keywords.Families.Word(ApiFamily.FluxKontext));
        Assert.Null(Keywords.Families.Find("Market")); // names are the wire's, lower case
    }

    [Fact]
    public void Result_kinds_and_body_styles_are_the_runtime_enums_each_with_its_word()
    {
        Assert.Equal(Enum.GetNames<KieResultKind>(), Enum.GetNames<ResultKind>());
        Assert.Equal(Enum.GetValues<ResultKind>(), Keywords.ResultKinds.Values);
        Assert.Equal(new[] { "image", "video", "audio", "music", "text", "object" }, Keywords.ResultKinds.Words);

        Assert.Equal(Enum.GetNames<KieBodyStyle>(), Enum.GetNames<BodyStyle>());
        Assert.Equal(Enum.GetValues<BodyStyle>(), Keywords.BodyStyles.Values);
        Assert.Equal(BodyStyle.Input, Keywords.BodyStyles.Find("input"));
        Assert.Null(Keywords.BodyStyles.Find("Flat"));
    }

    [Fact]
    public void Every_deprecation_status_has_the_word_a_schema_file_writes()
    {
        Assert.Equal(Enum.GetValues<DeprecationStatus>(), Keywords.DeprecationStatuses.Values);
        Assert.Equal(new[] { "deprecated", "retired", "discontinued" }, Keywords.DeprecationStatuses.Words);
        Assert.Equal("retired", Keywords.DeprecationStatuses.Word(DeprecationStatus.Retired));
    }

    [Fact]
    public void Every_typed_node_kind_has_the_json_type_word_and_only_json_values_have_none()
    {
        Assert.Equal(Enum.GetValues<NodeKind>().Where(k => k != NodeKind.Json), Keywords.Types.Values);
        Assert.Equal(NodeKind.Integer, Keywords.Types.Find("integer"));
        Assert.Null(Keywords.Types.Find("null")); // a type list's "null" makes a JSON value, not a kind of its own
    }
}

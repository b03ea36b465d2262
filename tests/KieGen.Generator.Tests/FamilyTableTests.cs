using KieGen.Generator.Parsing;
using KieGen.Requests;

namespace KieGen.Generator.Tests;

/// <summary>The generator's one table of API families against the runtime enum its generated code names.</summary>
public class FamilyTableTests
{
    [Fact]
    public void Every_family_a_file_may_name_is_a_member_of_KieApiFamily_and_every_member_has_a_name()
    {
        Assert.Equal(Enum.GetNames<KieApiFamily>(), Keywords.FamilyTable.Select(f => f.Member));
        Assert.Equal(Keywords.FamilyTable.Select(f => f.Name), Keywords.Families);
        Assert.Equal("Gpt4oImage", Keywords.FamilyMember("gpt4o-image"));
        Assert.Null(Keywords.FamilyMember("Market")); // names are the wire's, lower case
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace KieGen.Generator.Parsing;

/// <summary>
/// A closed vocabulary of a schema file: each word the file may say, with the model value it stands for. The parser
/// maps a word to its value once (<see cref="Find"/>); messages list <see cref="Words"/>; generated docs quote a
/// value's word (<see cref="Word"/>).
/// </summary>
internal sealed class WireWords<T>
    where T : struct, Enum
{
    private readonly (string Word, T Value)[] _table;

    public WireWords(params (string Word, T Value)[] table)
    {
        _table = table;
        Words = table.Select(e => e.Word).ToArray();
    }

    /// <summary>The words, in the table's order (the order messages list them in).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The values, in the table's order.</summary>
    public IEnumerable<T> Values => _table.Select(e => e.Value);

    /// <summary>The value a word stands for, compared ordinally (the words are lower case); null for any other word.</summary>
    public T? Find(string word)
    {
        foreach (var entry in _table)
        {
            if (entry.Word == word)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The word of a value that has one (every member of the model's vocabularies: a test holds it).</summary>
    public string Word(T value) => _table.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Word;
}

using System.Text;

namespace Satchel.Runtime.Python;

/// <summary>Python string literals for generated code, safe for any path or name.</summary>
public static class PythonLiteral
{
    public static string Of(string value)
    {
        var text = new StringBuilder("'");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '\'': text.Append(@"\'"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append(@"\x").Append(((int)c).ToString("x2"));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('\'').ToString();
    }
}

// Language features the netstandard2.0 reference set lacks. Internal, so they never leak to consumers.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}

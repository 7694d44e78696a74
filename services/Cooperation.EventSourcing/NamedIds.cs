using System.Security.Cryptography;
using System.Text;

namespace Cooperation.EventSourcing;

public static class NamedIds
{
    /// <summary>
    /// A stream id that follows from a name (what a record is of), so that two writes of the same record meet on one stream
    /// even when both arrive at once.
    /// </summary>
    public static Guid From(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a name-based id of our own
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}

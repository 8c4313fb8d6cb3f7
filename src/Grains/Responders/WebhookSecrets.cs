using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace IncidentActors.Responders;

/// <summary>
/// Webhook secrets as stored: encrypted with the cluster's data protection keys, so that grain state, its backups and
/// exports do not hold a secret that would let their reader forge pages.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("IncidentActors.Responders.WebhookSecret");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret, or null when the keys that encrypted it are gone (a key ring lost or not shared).</summary>
    public string? Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

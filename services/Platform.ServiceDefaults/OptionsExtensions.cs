using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

public static class OptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to the <paramref name="sectionName"/> section, checks its data
    /// annotations ([Range], [Required]…) when the host starts — a bad setting stops start-up with a message naming
    /// the section, key and rule — and registers the value itself for the classes that take it in their constructor.
    /// Returns the bound value for decisions that must be made while services are registered.
    /// </summary>
    public static TOptions AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string sectionName)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<TOptions>>().Value);
        return builder.Configuration.GetSection(sectionName).Get<TOptions>() ?? new TOptions();
    }
}

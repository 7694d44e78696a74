using Cooperation.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProvider();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.PrepareProviderAsync();
app.MapProvider();
app.Run();

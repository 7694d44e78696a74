using Cooperation.Gateway;
using Cooperation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProxy();
builder.AddRateLimits();
builder.AddApiDocument();

var app = builder.Build();
app.MapDefaultEndpoints();
app.UseRateLimiter();
app.MapApiDocument();
app.MapProxy();
app.Run();

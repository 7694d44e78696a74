using Cooperation.Agreements;
using Cooperation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAgreements();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAgreements();
app.Run();

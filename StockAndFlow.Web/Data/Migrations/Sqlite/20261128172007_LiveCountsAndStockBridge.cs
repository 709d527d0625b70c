using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockAndFlow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveCountsAndStockBridge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StockAndFlow_BridgeLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Stock = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Facet = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsNull = table.Column<bool>(type: "INTEGER", nullable: false),
                    Term = table.Column<int>(type: "INTEGER", nullable: false),
                    Flow = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockAndFlow_BridgeLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StockAndFlow_Recounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Stock = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CountedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EventMark = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangeMark = table.Column<long>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Unexplained = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockAndFlow_Recounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StockAndFlow_StockChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Stock = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Facet = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsNull = table.Column<bool>(type: "INTEGER", nullable: false),
                    Delta = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Flow = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockAndFlow_StockChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StockAndFlow_FlowEvents_Sink_Id",
                table: "StockAndFlow_FlowEvents",
                columns: new[] { "Sink", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockAndFlow_FlowEvents_Source_Id",
                table: "StockAndFlow_FlowEvents",
                columns: new[] { "Source", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockAndFlow_BridgeLines_RecountId",
                table: "StockAndFlow_BridgeLines",
                column: "RecountId");

            migrationBuilder.CreateIndex(
                name: "IX_StockAndFlow_Recounts_Stock_CountedAt",
                table: "StockAndFlow_Recounts",
                columns: new[] { "Stock", "CountedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StockAndFlow_StockChanges_Stock_Id",
                table: "StockAndFlow_StockChanges",
                columns: new[] { "Stock", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StockAndFlow_BridgeLines");

            migrationBuilder.DropTable(
                name: "StockAndFlow_Recounts");

            migrationBuilder.DropTable(
                name: "StockAndFlow_StockChanges");

            migrationBuilder.DropIndex(
                name: "IX_StockAndFlow_FlowEvents_Sink_Id",
                table: "StockAndFlow_FlowEvents");

            migrationBuilder.DropIndex(
                name: "IX_StockAndFlow_FlowEvents_Source_Id",
                table: "StockAndFlow_FlowEvents");
        }
    }
}

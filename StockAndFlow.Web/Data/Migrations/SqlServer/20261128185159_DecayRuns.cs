using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockAndFlow.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DecayRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StockAndFlow_DecayRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Rule = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FromStock = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ToStock = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Moved = table.Column<int>(type: "int", nullable: false),
                    RanBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockAndFlow_DecayRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StockAndFlow_DecayRuns_StartedAt",
                table: "StockAndFlow_DecayRuns",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StockAndFlow_DecayRuns");
        }
    }
}

import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import { importCommand } from './commands/import.js';
import { infoCommand } from './commands/info.js';
import { importsCommand, undoImportCommand } from './commands/imports.js';
import { rankCommand } from './commands/rank.js';
import { heatmapCommand, trendCommand } from './commands/analyses.js';
import { robustnessCommand, scoreCommand } from './commands/scores.js';
import { qualityCommand, sqlCommand } from './commands/quality-sql.js';
import { leaderCommand, warningsCommand } from './commands/warnings.js';
import { rosterCommand, structureCommand } from './commands/cadres.js';
import { adjustmentsCommand, cadreCommand } from './commands/cadre.js';
import { packCommand } from './commands/pack.js';
import { listsCommand } from './commands/lists.js';
import { auditCommand } from './commands/audit.js';
import { errorDocument, type CommandResult } from './output.js';

/** The headless command line: one command per module, one JSON document on stdout with --json, logs on stderr. */
const COMMANDS: Record<string, { run: (args: ParsedArgs) => Promise<CommandResult>; usage: string }> = {
  info: { run: infoCommand, usage: 'info --workspace <目录|.hjw> [--json]    列出工作区的表及行数' },
  import: {
    run: importCommand,
    usage:
      'import <文件|zip|目录>... --workspace <目录|.hjw> [--table 表名] [--period 2025Q3] [--sheet 表1,表2] [--dry-run] [--show-personal] [--json]\n' +
      '        导入并打印校验报告；退出码：0 全部导入，1 有文件无法读取（未导入），3 有行被拒绝（其余已导入）',
  },
  imports: { run: importsCommand, usage: 'imports --workspace <目录|.hjw> [--json]    列出导入批次（时间、文件、行数、来源）' },
  rank: {
    run: rankCommand,
    usage:
      'rank --workspace <目录|.hjw> --indicator <指标代码> --period <期间> [--level county|city|province] [--group <考核分组>] [--parent <上级代码>] [--benchmark avg|parent|target|<数值>] [--json]    地区排名、与基准差距、位次变化',
  },
  trend: {
    run: trendCommand,
    usage:
      'trend --workspace <目录|.hjw> --region <区划代码>[,<区划代码>…] --indicator <指标代码> [--benchmark avg|parent|national] [--window 4] [--json]    趋势：数值、同比（累计值不给环比）、移动平均、时序进度、连续变差与一把手更替',
  },
  heatmap: {
    run: heatmapCommand,
    usage:
      'heatmap --workspace <目录|.hjw> --period <期间> [--level county|city] [--group <考核分组>] [--parent <上级代码>] [--indicator A01,A02] [--sort composite|code] [--json]    地区 × 指标标准分矩阵；只给 --indicator 时为地区 × 期间',
  },
  score: {
    run: scoreCommand,
    usage:
      'score --workspace <目录|.hjw> --period <期间> [--level county|city] [--group <考核分组>] [--method minmax|zscore|efficacy|target] [--scheme <权重方案>] [--missing reweight|minimum] [--json]    综合得分、维度得分、排名与位次变化',
  },
  robustness: {
    run: robustnessCommand,
    usage:
      'robustness --workspace <目录|.hjw> --period <期间> [--draws 1000] [--seed 1] [--spread 0.2] [--top 10] [--bottom 3] [score 的参数] [--json]    综合排名稳健性：权重浮动与换计分方法下的位次区间，标出跨越榜单边界的不稳位次',
  },
  quality: {
    run: qualityCommand,
    usage: 'quality --workspace <目录|.hjw> --period <期间> [--level county|city] [--group <考核分组>] [--json]    数据质量：缺失值、异常值（稳健Z值）、异常波动、下级合计与本级不符',
  },
  sql: {
    run: sqlCommand,
    usage: 'sql "<SELECT …>" --workspace <目录|.hjw> [--limit 10000] [--json]    只读查询（与控制台同一规则：只允许 SELECT，不可写入、改设置或读取其他文件）',
  },
  warnings: {
    run: warningsCommand,
    usage: 'warnings --workspace <目录|.hjw> [--period <期间>] [--level 黄线|红线] [--region <区划代码>] [--indicator <指标代码>] [--json]    预警：按规则集逐期计算，含依据、新增/持续/解除与在任一把手',
  },
  leader: {
    run: leaderCommand,
    usage: 'leader --workspace <目录|.hjw> --region <区划代码> --period <期间> [--json]    某地区某期间的在任一把手（期末在任者；期内更替、重叠、空缺均说明）',
  },
  structure: {
    run: structureCommand,
    usage:
      'structure --workspace <目录|.hjw> --date <YYYY-MM-DD> [--by unit|region] [--retire-within 5] [--retire-age 60] [--retire-age-male N] [--retire-age-female N] [--retire-rule reform|fixed] [--json]    干部结构：年龄、学历学位、性别、民族、政治面貌、任现职年限、N年内到龄退休，按单位或地区',
  },
  roster: {
    run: rosterCommand,
    usage:
      'roster --workspace <目录|.hjw> [--date <YYYY-MM-DD>] [--search 姓名] [--unit|--region|--post-level|--rank-level|--age-band|--education|--gender|--ethnicity|--party|--post-years 值1,值2] [--sort level|name|age|unit|region|postYears|id] [--desc] [--offset 0] [--limit 50] [--show-personal] [--json]    干部名册（证件号默认遮蔽）',
  },
  cadre: {
    run: cadreCommand,
    usage: 'cadre --id <干部编号> --workspace <目录|.hjw> [--as-of 2025-09-30] [--show-personal] [--json]    干部档案：基本信息（身份证号默认脱敏）、任职经历、年度考核、干部记实，一把手任期内地区指标位次变化与预警',
  },
  adjustments: {
    run: adjustmentsCommand,
    usage: 'adjustments --workspace <目录|.hjw> [--from 2021] [--to 2025] [--by year|unit] [--json]    能上能下：调整不适宜担任现职干部人数及重新使用人数，按年度或单位统计，附每人依据',
  },
  pack: {
    run: packCommand,
    usage:
      'pack --workspace <目录|.hjw> --period <季度> [--leader <干部编号>|--region <区划代码>] [--limit <份数>] --out <目录> [--formats pdf,pptx,docx,xlsx] [--watermark-text 注意保密] [--json]    一把手季度分析材料（PDF/PPTX/DOCX/XLSX）：不给 --leader/--region 时为全部一把手（--limit n 只写前 n 份），另写索引.html；退出码 3 表示有材料未生成',
  },
  lists: {
    run: listsCommand,
    usage:
      'lists --workspace <目录|.hjw> --period <期间> [--level county|city] [--history <区划代码|干部编号>] [--publish [--user 名称]] [--json]    红黄榜：地区与干部的红榜、黄榜（依据与事由），与上季度比较的新上榜/连续上榜/退出；--publish 发布为本期新版本',
  },
  audit: {
    run: auditCommand,
    usage:
      'audit verify|list --workspace <目录|.hjw> [--since 2026-06-01] [--until 2026-12-31] [--action export,import] [--json]    审计日志：verify 校验哈希链（退出码 3 为被篡改，4 为末行写入中断），list 列出记录（时间、用户、操作、对象、结果）',
  },
  'undo-import': { run: undoImportCommand, usage: 'undo-import <批次编号> --workspace <目录|.hjw> [--json]    撤销一个导入批次（一次事务）并保存工作区' },
};

const USAGE = [
  '用法：npm run -s cli -- <命令> [参数] [--json]',
  '',
  '命令：',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  '',
  '加密的 .hjw：加 --passphrase-file <口令文件>（或环境变量 HJ_PASSPHRASE_FILE），口令为文件的第一行；不接受在命令行上直接给出口令。',
].join('\n');

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const json = args.flags.json === true;
  try {
    if (!args.command || args.flags.help === true) {
      if (!args.command && !args.flags.help) throw new UsageError('缺少命令');
      process.stderr.write(`${USAGE}\n`);
      return 0;
    }
    const cmd = COMMANDS[args.command];
    if (!cmd) throw new UsageError(`未知命令：${args.command}`);
    const result = await cmd.run(args);
    process.stdout.write(json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`);
    return result.exitCode ?? 0;
  } catch (e) {
    const doc = errorDocument(e);
    if (json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    process.stderr.write(`错误：${doc.error.message}\n`);
    if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    return doc.error.code === 'usage' ? 2 : 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

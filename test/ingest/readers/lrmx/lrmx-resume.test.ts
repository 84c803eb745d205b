import { describe, expect, it } from 'vitest';
import { parseAssessmentText } from '../../../../shared/ingest/readers/lrmx/lrmx-assess.js';
import { readYearMonth, partyOf } from '../../../../shared/ingest/readers/lrmx/lrmx-fields.js';
import { isStudyText, isTopLeaderPost, parseResume, splitOrgPost } from '../../../../shared/ingest/readers/lrmx/resume.js';

const grades = (t: string): string[] => parseAssessmentText(t).entries.map((e) => `${e.year}${e.result}`);

describe('年度考核结果 text', () => {
  it('reads the phrasings met on real forms', () => {
    expect(grades('2022年度考核称职；2023年度考核优秀')).toEqual(['2022称职', '2023优秀']);
    expect(grades('2021、2022年度考核均为称职，2023年度考核优秀')).toEqual(['2021称职', '2022称职', '2023优秀']);
    expect(grades('2019—2021年度均为称职')).toEqual(['2019称职', '2020称职', '2021称职']);
    expect(grades('2020年至2022年年度考核均为合格')).toEqual(['2020合格', '2021合格', '2022合格']);
    expect(grades('２０２３年度考核被确定为优秀等次')).toEqual(['2023优秀']);
    expect(grades('2021年度：基本称职；2022年度：不称职；2023年度：不定等次')).toEqual(['2021基本称职', '2022不称职', '2023不定等次']);
    expect(grades('2023年度基本合格，2022年度不合格')).toEqual(['2022不合格', '2023基本合格']);
  });

  it('explains what it cannot read', () => {
    const vague = parseAssessmentText('近三年年度考核均为称职');
    expect(vague.entries).toEqual([]);
    expect(vague.problems).toEqual([{ severity: 'warning', reason: expect.stringContaining('未写明具体年度') }]);
    expect(parseAssessmentText('2022年度优秀，2022年度称职').problems[0]?.reason).toBe('2022 年度的考核等次前后不一致（优秀、称职），按 优秀 读入');
    expect(parseAssessmentText('2010-2023年度均为称职').problems[0]?.reason).toContain('年度范围');
    expect(parseAssessmentText('考核情况良好').problems[0]?.reason).toBe('没有读到年度和考核等次');
    expect(parseAssessmentText('').problems).toEqual([]);
  });
});

describe('简历 lines', () => {
  it('splits organisation and post', () => {
    expect(splitOrgPost('示例省青川市临江县委副书记、县长')).toEqual({ org: '示例省青川市临江县委', post: '副书记、县长' });
    expect(splitOrgPost('XX县XX乡政府干部')).toEqual({ org: 'XX县XX乡政府', post: '干部' });
    expect(splitOrgPost('临江县长安镇政府干部')).toEqual({ org: '临江县长安镇政府', post: '干部' });
    expect(splitOrgPost('青川市发展和改革委员会主任、党组书记')).toEqual({ org: '青川市发展和改革委员会', post: '主任、党组书记' });
    expect(splitOrgPost('中共临江县委常委、组织部部长')).toEqual({ org: '中共临江县委', post: '常委、组织部部长' });
    expect(splitOrgPost('示例省委组织部干部一处主任科员')).toEqual({ org: '示例省委组织部干部一处', post: '主任科员' });
    expect(splitOrgPost('赴示例县挂职锻炼')).toEqual({ org: null, post: '赴示例县挂职锻炼' });
  });

  it('flags only the 书记 of a region as its top leader', () => {
    for (const t of ['XX县委书记', '临江县委书记、县人大常委会主任', '青川市委常委、东城区委书记', '示例自治州党委书记', '示例市委书记']) {
      expect(isTopLeaderPost(t), t).toBe(true);
    }
    for (const t of ['XX县委副书记', '临江县委常务副书记', '大河乡党委书记', '石门镇党委书记', '幸福社区党委书记',
      '县发改局党组书记、局长', '开发区党工委书记', '县委书记处干部', '县法院书记员']) {
      expect(isTopLeaderPost(t), t).toBe(false);
    }
  });

  it('recognises study stages', () => {
    for (const t of ['在XX大学XX专业学习', '示例师范学院中文系学生', '省委党校研究生班学习', '示例大学化学系研究生']) expect(isStudyText(t), t).toBe(true);
    for (const t of ['示例大学学生处处长', '示例县进修学校校长', '省委党校常务副校长']) expect(isStudyText(t), t).toBe(false);
  });

  it('reads separators, open ends, notes and continuation lines', () => {
    const r = parseResume([
      '1995.07--1998.09  XX县XX乡政府干部',
      '1998.09—2001.03 XX县XX局科员、',
      '        副科长',
      '2001.03－2005.06 XX县委办公室副主任（其间：2002.09--2004.07在省委党校函授本科班学习）',
      '2005.6至2010.12 XX县XX镇党委书记',
      '2011.01-2015.02 XX县人民政府副县长',
      '2015.02~2018.01 XX县委副书记',
      '２０１８．０１－－ XX县委书记',
    ].join('\n'));
    expect(r.issues).toEqual([]);
    expect(r.entries.map((e) => [e.start_ym, e.end_ym, e.org_name, e.post_title, e.is_top_leader])).toEqual([
      ['1995-07', '1998-09', 'XX县XX乡政府', '干部', false],
      ['1998-09', '2001-03', 'XX县XX局', '科员、副科长', false],
      ['2001-03', '2005-06', 'XX县委办公室', '副主任', false],
      ['2005-06', '2010-12', 'XX县XX镇', '党委书记', false],
      ['2011-01', '2015-02', 'XX县人民政府', '副县长', false],
      ['2015-02', '2018-01', 'XX县委', '副书记', false],
      ['2018-01', null, 'XX县委', '书记', true],
    ]);
    expect(r.entries[1]?.raw).toBe('1998.09—2001.03 XX县XX局科员、\n副科长');
    expect(r.entries[2]?.notes).toEqual(['其间：2002.09--2004.07在省委党校函授本科班学习']);
  });

  it('reads compact YYYYMM dates and 至今', () => {
    const r = parseResume('200107--200409 XX街道办事处主任\n200409--至今 XX区委书记');
    expect(r.entries.map((e) => [e.start_ym, e.end_ym])).toEqual([['2001-07', '2004-09'], ['2004-09', null]]);
    expect(r.issues).toEqual([]);
  });

  it('reports unreadable lines and bounds hostile input', () => {
    const r = parseResume('2019.13--2020.01 XX\n2020.01--2021.01\n2021.01--2022.01 XX局局长\n2022.01-- XX局科员');
    expect(r.issues.map((i) => [i.line, i.reason])).toEqual([
      [1, '起始时间无法识别（2019.13：月份或日期无效）'],
      [2, '该行只有时间，没有经历内容'],
    ]);
    expect(r.entries.map((e) => e.valid)).toEqual([false, false, true, true]);
    const t0 = performance.now();
    const huge = parseResume(`${'2020.01--'.repeat(50_000)}\n${'县委书记'.repeat(100_000)}\n${'1\n'.repeat(10_000)}`);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(huge.issues.some((i) => i.reason.includes('已截断'))).toBe(true);
  });
});

describe('date and party fields', () => {
  it('normalises the date spellings of .lrmx files to YYYY-MM', () => {
    for (const [raw, ym] of [['197203', '1972-03'], ['19720315', '1972-03'], ['1972.03', '1972-03'], ['1972.3', '1972-03'],
      ['1972-03', '1972-03'], ['１９７２．０３', '1972-03'], [' 1972.03\n', '1972-03'], ['1972年3月', '1972-03']] as const) {
      expect(readYearMonth(raw).value, raw).toBe(ym);
    }
    expect(readYearMonth('1995.06；民盟')).toEqual({ value: '1995-06', reason: null, partial: true });
    expect(readYearMonth('1972').value).toBeNull();
    expect(readYearMonth('1972').reason).toBe('只有年份，缺少月份');
  });

  it('derives 政治面貌', () => {
    expect(partyOf('199406', null, '1994-06')).toBe('中共党员');
    expect(partyOf('2005.09；民盟', null, '2005-09')).toBe('民盟');
    expect(partyOf(null, '九三学社社员', null)).toBe('九三学社');
    expect(partyOf(null, '群众', null)).toBe('群众');
    expect(partyOf(null, null, null)).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../../shared/ingest/values/values.js';
import { cadreIdOf } from '../../../../shared/ingest/readers/lrmx/lrmx-fields.js';
import { readLrmx, type LrmxRecord } from '../../../../shared/ingest/readers/lrmx/lrmx.js';

const dir = fileURLToPath(new URL('../../../fixtures/lrmx/', import.meta.url));
const read = (name: string): LrmxRecord => readLrmx({ name, bytes: readFileSync(dir + name) });
const span = (r: LrmxRecord): string[] => r.appointments.map((a) => `${a.start_ym}..${a.end_ym ?? ''} ${a.org_name ?? ''}|${a.post_title}`);
const reasons = (r: LrmxRecord, column: string): string[] => r.issues.filter((i) => i.column === column).map((i) => i.reason);

describe('readLrmx: a complete form (张卫国)', () => {
  const r = read('zhang-weiguo.lrmx');

  it('maps the person to one cadres row', () => {
    expect(r.cadre).toEqual({
      cadre_id: 'Gf7733384c2fa5918', name: '张卫国', gender: '男', ethnicity: '汉族', birth_ym: '1972-03',
      native_place: '示例省松山县', party: '中共党员', party_join_ym: '1994-06', work_start_ym: '1994-07',
      ft_edu: '大学', ft_degree: '经济学学士', is_edu: '省委党校研究生', is_degree: null,
      current_post: '示例省青川市临江县委书记', post_level: null, rank_level: null, current_post_since: '2018-06',
      id_no: '990102197203150316',
    });
    expect(r.encoding).toBe('utf-8');
    expect(r.issues).toEqual([]);
  });

  it('expands "2021、2022年度考核均为称职，2023年度考核优秀" into three assessments', () => {
    expect(r.assessments).toEqual([
      { cadre_id: 'Gf7733384c2fa5918', year: 2021, result: '称职', kind: '年度' },
      { cadre_id: 'Gf7733384c2fa5918', year: 2022, result: '称职', kind: '年度' },
      { cadre_id: 'Gf7733384c2fa5918', year: 2023, result: '优秀', kind: '年度' },
    ]);
  });

  it('reads five appointments from 简历, flags the study line and the 县委书记 line only', () => {
    expect(span(r)).toEqual([
      '1994-07..1998-09 示例省青川市临江县大河乡政府|干部',
      '1998-09..2003-06 示例省青川市临江县大河乡党委|副书记、乡长',
      '2003-06..2011-12 示例省青川市临江县委办公室|主任',
      '2011-12..2018-06 示例省青川市临江县委|副书记、县长',
      '2018-06.. 示例省青川市临江县委|书记',
    ]);
    expect(r.appointments.map((a) => a.is_top_leader)).toEqual([false, false, false, false, true]);
    expect(r.appointments.every((a) => a.region_code === null && a.cadre_id === r.cadre.cadre_id)).toBe(true);
    expect(r.resume.map((e) => e.kind)).toEqual(['study', 'post', 'post', 'post', 'post', 'post']);
    expect(r.resume[3]?.notes).toEqual(['其间：2005.09--2008.07在示例省委党校在职研究生班经济管理专业学习']);
    expect(r.resume[5]?.raw).toBe('2018.06--         示例省青川市临江县委书记');
  });

  it('drops the photo and keeps only a count of family members', () => {
    expect(r.hasPhoto).toBe(true);
    expect(r.familyCount).toBe(4);
    const all = JSON.stringify([r.cadre, r.appointments, r.assessments, r.extras, r.resume]);
    expect(all).not.toContain('iVBORw0KGgo');
    for (const member of ['刘芳', '张子涵', '张德厚', '王桂兰']) expect(all).not.toContain(member);
    expect(r.unknownElements).toEqual(['JiSuanNianLingShiJian', 'Version']);
    expect(r.extras).toMatchObject({ proposedPost: '示例省青川市人民政府副市长', filledBy: '周明', ftEduSchool: '示例大学经济管理系经济管理专业' });
  });
});

describe('readLrmx: format variants', () => {
  it('reads a BOM, CRLF, full-width digits, "—"/"－"/"至"/"至今" and a lower-case x (李晓红)', () => {
    const r = read('li-xiaohong.lrmx');
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.cadre).toMatchObject({ name: '李晓红', gender: '女', ethnicity: '回族', birth_ym: '1980-11', id_no: '99010219801108104X' });
    // the shared cadre key (md5 of 姓名|出生年月, checked against DuckDB's md5 in cadre-id.test.ts): never the ID number
    expect(r.cadre.cadre_id).toBe('Gdd80cc889c713238');
    expect(span(r)).toEqual([
      '2002-07..2006-03 示例省青川市教育局办公室|科员',
      '2006-03..2012-05 示例省青川市教育局办公室|副主任',
      '2012-05..2019-11 中共示例省青川市委组织部干部二科|科长',
      '2019-11.. 示例省青川市妇联|副主席',
    ]);
    expect(r.resume[0]).toMatchObject({ kind: 'study', start_ym: '1998-09', end_ym: '2002-07' });
    expect(r.assessments.map((a) => `${a.year}${a.result}`)).toEqual(['2022称职', '2023优秀']);
    expect(r.hasPhoto).toBe(false);
    expect(r.familyCount).toBe(2);
    expect(r.issues).toEqual([]);
  });

  it('reads GB18030 with mixed-case element names, padded values and YYYYMMDD / YYYY.M dates (王建军)', () => {
    const r = read('wang-jianjun-gb18030.lrmx');
    expect(r.encoding).toBe('gb18030');
    expect(r.cadre).toMatchObject({
      name: '王建军', gender: '男', birth_ym: '1968-12', native_place: '示例省𠮷山县', party_join_ym: '1992-06',
      work_start_ym: '1990-07', ft_edu: '中专', ft_degree: null, id_no: '990123196812050051',
      current_post: '示例省青川市人大常委会农业农村工作委员会主任', current_post_since: '2016-03',
    });
    expect(r.appointments).toHaveLength(6);
    expect(r.appointments.some((a) => a.is_top_leader)).toBe(false); // 镇党委书记 is not a region's 一把手
    expect(r.appointments[1]).toMatchObject({ start_ym: '1995-03', end_ym: '1999-12', post_title: '副镇长' });
    expect(r.assessments).toEqual([]);
    expect(r.issues).toEqual([expect.objectContaining({
      column: '年度考核结果', element: 'NianDuKaoHeJieGuo', value: '近三年年度考核均为称职', severity: 'warning',
    })]);
    expect(r.unknownElements).toEqual(['Version', 'DaoLingNianYue']);
  });

  it('reads CDATA, "～" with YYYYMM dates, a prefixed photo element, year ranges and 区委书记 (陈致远)', () => {
    const r = read('chen-zhiyuan.lrmx');
    expect(r.hasPhoto).toBe(true);
    expect(r.assessments.map((a) => `${a.year}${a.result}`)).toEqual(['2019称职', '2020称职', '2021称职', '2022优秀', '2023优秀']);
    expect(r.appointments.map((a) => [a.start_ym, a.is_top_leader])).toEqual([
      ['1992-07', false], ['2001-07', false], ['2004-09', false], ['2009-12', false], ['2015-06', true],
    ]);
    expect(r.appointments[1]).toMatchObject({ org_name: '示例省青川市东城区滨河街道幸福社区', post_title: '党委书记' });
    expect(r.extras.reason).toBe('工作需要 & 换届');
  });

  it('derives a deterministic id from name and birth when there is no ID number (赵敏)', () => {
    const r = read('zhao-min-minimal.lrmx');
    expect(r.cadre.cadre_id).toBe(cadreIdOf(null, '赵敏', '1985-07'));
    expect(r.cadre.cadre_id).toBe('G0e16103293d4315a');
    expect(read('zhao-min-minimal.lrmx').cadre.cadre_id).toBe(r.cadre.cadre_id);
    expect(r.cadre).toMatchObject({ id_no: null, native_place: null, party: null, birth_ym: '1985-07', current_post_since: null });
    expect(r.appointments).toEqual([]);
    expect(reasons(r, '简历')).toEqual(['缺少简历，未生成任职经历']);
    expect(reasons(r, '身份证号')[0]).toContain('缺少有效的身份证号');
  });

  it('reads a democratic party from 入党时间 "2005.09；民盟" (周敏)', () => {
    const r = read('zhou-min-democratic.lrmx');
    expect(r.cadre).toMatchObject({ party: '民盟', party_join_ym: '2005-09' });
    expect(r.resume.filter((e) => e.kind === 'study').map((e) => e.text)).toEqual(['示例大学化学系化学专业学习', '示例大学化学系研究生']);
    expect(r.appointments[0]).toMatchObject({ org_name: '示例省青川市农业科学研究院', post_title: '助理研究员、副研究员' });
  });
});

describe('readLrmx: every problem becomes an issue (孙海)', () => {
  const r = read('sun-hai-problems.lrmx');

  it('keeps what it can and explains the rest in Chinese', () => {
    expect(r.cadre).toMatchObject({ gender: null, birth_ym: '1975-06', id_no: '990105197506180219', party: '中共预备党员' });
    expect(idCheckChar('99010519750618021')).toBe('2');
    expect(reasons(r, '性别')).toEqual(['性别应为 男 或 女']);
    expect(reasons(r, '出生年月')).toEqual(['月份或日期无效', '出生年月无法识别，已按身份证号补为 1975-06']);
    expect(reasons(r, '身份证号')).toEqual(['身份证号校验位不符（按前 17 位应为 2），请核对']);
    expect(reasons(r, '现任职务')[0]).toContain('重复出现');
    expect(r.cadre.current_post).toBe('示例省青川市临江县交通运输局局长');
    expect(r.unknownElements).toEqual(['ExtraNote']);
  });

  it('reports 简历 lines by line number and keeps only valid appointments', () => {
    const resume = r.issues.filter((i) => i.column === '简历');
    expect(resume.map((i) => [i.line, i.severity])).toEqual([[1, 'warning'], [3, 'error'], [3, 'error'], [5, 'error']]);
    expect(resume[3]?.reason).toBe('第 5 行：结束时间 2003-06 早于开始时间 2005-03');
    expect(resume.every((i) => i.file === 'sun-hai-problems.lrmx' && i.element === 'JianLi')).toBe(true);
    expect(span(r)).toEqual([
      '1999-08..2005-03 示例省青川市临江县交通局办公室|科员',
      '2008-06..2016-01 示例省青川市临江县交通局|副局长',
      '2016-01.. 示例省青川市临江县交通运输局|局长',
    ]);
  });

  it('reads the graded years and flags the year without a grade', () => {
    expect(r.assessments.map((a) => `${a.year}${a.result}`)).toEqual(['2020优秀', '2021基本称职']);
    expect(r.issues.find((i) => i.column === '年度考核结果')).toMatchObject({
      element: 'NianDuKaoHeJieGuo', severity: 'error', reason: '2022 年度没有写明考核等次',
      value: '2020年度考核优秀，2021年度考核基本称职，2022年度',
    });
  });
});

describe('readLrmx: element names written as the printed labels', () => {
  it('reads <姓名>, <出生年月>, <简历> … as the pinyin elements', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><Person><姓名>孙立</姓名><性别>女</性别><出生年月>1980.05</出生年月><民族>汉族</民族>' +
      '<现任职务>示例省青川市副市长</现任职务><简历>2001.07--2010.03  示例省青川市财政局科员\n2010.03--      示例省青川市副市长</简历>' +
      '<年度考核结果>2023年度考核优秀</年度考核结果></Person>';
    const r = readLrmx({ name: 'sun-li.lrmx', bytes: new TextEncoder().encode(xml) });
    expect(r.cadre).toMatchObject({ name: '孙立', gender: '女', birth_ym: '1980-05', ethnicity: '汉族', current_post: '示例省青川市副市长' });
    expect(r.cadre.cadre_id).toBe(cadreIdOf(null, '孙立', '1980-05'));
    expect(span(r)).toEqual(['2001-07..2010-03 示例省青川市财政局|科员', '2010-03.. 示例省青川市|副市长']);
    expect(r.assessments).toEqual([{ cadre_id: r.cadre.cadre_id, year: 2023, result: '优秀', kind: '年度' }]);
  });
});

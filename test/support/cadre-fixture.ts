import { fixtureWorkspace } from './fixture-workspace.js';

/*
 * Nine fictional cadres for the structure statistics and the roster, reference date 2025-06-15 (month number
 * R = 2025 × 12 + 5 = 24305). Each line: birth → age at R; post since → whole months in post; open appointment.
 *   K1 王一 男 1990-06 (month only: birthday reached in June) → 35; since 2024-07 → 11 months; A县委, 990101
 *   K2 李二 女 19900616 (day known, 16 > 15) → 34; since 2022-06 → 36; A县委, 990101; malformed ID number
 *   K3 王三 男 1990.06.15 (born ON the reference day) → 35; since 2020-06 → 60; A县人民政府, 990101; 回族, 群众
 *   K4 赵四 女 "1970" (year only: January) → 55; since 2023-06 → 24; 甲市政府办, 990100 (an older closed post in A县委)
 *   K5 钱五 (no gender) birth missing → 未知; since 2026-01 (after the date) → 未知; no appointment: unit read from
 *      current_post 甲市发展和改革委员会主任 → 甲市发展和改革委员会; region 未知
 *   K6 孙六 女 1965-03 → 60; since 2015-01 → 125; 甲市政府办, 990100
 *   K7 王七 男 2000-05, started work 2025-09 (after the date): left out of the statistics, listed in the roster
 *   K8 周八 男 1980-12 → 44; since 2025-06 → 0; two open posts: 甲市委 (2025-06, the latest) wins over A县委
 *   K9 吴九 男 1966-08 → 58; since 2019-06 → 72; A县人民政府, 990101
 */
const cadre = (
  id: string, name: string, gender: string | null, birth: string | null, ethnicity: string | null, party: string | null,
  edu: [string | null, string | null, string | null, string | null], since: string | null, work: string, level: string | null, post: string, idNo: string | null,
) => ({ cadre_id: id, name, gender, birth_ym: birth, ethnicity, party, ft_edu: edu[0], ft_degree: edu[1], is_edu: edu[2], is_degree: edu[3], current_post_since: since, work_start_ym: work, post_level: level, current_post: post, id_no: idNo });

export const CADRE_FIXTURE = fixtureWorkspace({
  regions: [
    { region_code: '990100', name: '甲市', level: 'city', parent_code: null, valid_from: '2020-01-01' },
    { region_code: '990101', name: 'A县', level: 'county', parent_code: '990100', valid_from: '2020-01-01' },
  ],
  cadres: [
    cadre('K1', '王一', '男', '1990-06', '汉族', '中共党员', ['大学', '学士', '研究生', '硕士'], '2024-07', '2012-07', '乡科级正职', 'A县委副书记', '990105199006157458'),
    cadre('K2', '李二', '女', '19900616', '汉族', '中共预备党员', ['研究生', '硕士', null, null], '2022-06', '2015-08', '乡科级副职', 'A县委办公室主任', 'AB12345678901'),
    cadre('K3', '王三', '男', '1990.06.15', '回族', '群众', ['大专', null, '大学', '学士'], '2020-06', '2010-09', '县处级副职', 'A县副县长', null),
    cadre('K4', '赵四', '女', '1970', '汉族', '中国民主同盟盟员', ['中专', null, '大学', '学士'], '2023-06', '1990-07', '县处级正职', '甲市政府办主任', null),
    cadre('K5', '钱五', null, null, null, '无党派人士', [null, null, null, null], '2026-01', '2000-01', null, '甲市发展和改革委员会主任', null),
    cadre('K6', '孙六', '女', '1965-03', '汉族', '中共党员', ['大学', '学士', null, null], '2015-01', '1985-08', '厅局级副职', '甲市政府办巡视员', null),
    cadre('K7', '王七', '男', '2000-05', '汉族', '共青团员', ['大学', '学士', null, null], '2025-09', '2025-09', null, '甲市政府办科员', null),
    cadre('K8', '周八', '男', '1980-12', '汉族', '中共党员', ['研究生', '博士', null, null], '2025-06', '2005-07', '县处级正职', '甲市委副秘书长', null),
    cadre('K9', '吴九', '男', '1966-08', '汉族', '中共党员', ['大学', '法学学士', null, null], '2019-06', '1988-08', '乡科级正职', 'A县人民政府调研员', null),
  ],
  appointments: [
    { cadre_id: 'K1', org_name: 'A县委', region_code: '990101', post_title: '副书记', start_ym: '2024-07' },
    { cadre_id: 'K2', org_name: 'A县委', region_code: '990101', post_title: '办公室主任', start_ym: '2022-06' },
    { cadre_id: 'K3', org_name: 'A县人民政府', region_code: '990101', post_title: '副县长', start_ym: '2020-06' },
    { cadre_id: 'K4', org_name: 'A县委', region_code: '990101', post_title: '副书记', start_ym: '2015-01', end_ym: '2023-05' },
    { cadre_id: 'K4', org_name: '甲市政府办', region_code: '990100', post_title: '主任', start_ym: '2023-06' },
    { cadre_id: 'K6', org_name: '甲市政府办', region_code: '990100', post_title: '巡视员', start_ym: '2015-01' },
    { cadre_id: 'K8', org_name: 'A县委', region_code: '990101', post_title: '常委', start_ym: '2020-01' },
    { cadre_id: 'K8', org_name: '甲市委', region_code: '990100', post_title: '副秘书长', start_ym: '2025-06' },
    { cadre_id: 'K9', org_name: 'A县人民政府', region_code: '990101', post_title: '调研员', start_ym: '2019-06' },
  ],
});

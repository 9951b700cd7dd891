import type { Random } from '../domain/identifiers';

// Common surnames weighted roughly by frequency (the first ones are far more common).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙史陶贺毛郝顾龚邵万钱戴严莫孔向常';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建文辉力斌宇浩凯鹏飞鑫波宁琳晨欣怡佳雨婷雪梅海燕红云峰俊杰志远子涵梓轩思睿';
const TRADE_WORDS = '华鼎恒信达源兴盛宏泰丰瑞安嘉诚联创新锦程远航中浙江海天润';
const INDUSTRIES = [
  '贸易',
  '建设工程',
  '科技',
  '实业',
  '投资管理',
  '纺织',
  '机械制造',
  '食品',
  '物流',
  '房地产开发',
  '电子商务',
  '服装',
  '化工',
  '水产',
];

function zipfIndex(random: Random, size: number): number {
  // Squaring a uniform draw favours the front of the list, as surname frequencies do.
  return Math.min(size - 1, Math.floor(random.next() ** 2 * size));
}

export function personName(random: Random): string {
  const surname = Array.from(SURNAMES)[zipfIndex(random, Array.from(SURNAMES).length)];
  const given = Array.from(GIVEN);
  return surname + random.pick(given) + (random.chance(0.7) ? random.pick(given) : '');
}

export function companyName(random: Random, cityNameZh: string): string {
  const words = Array.from(TRADE_WORDS);
  return `${cityNameZh.replace(/市$/, '')}${random.pick(words)}${random.pick(words)}${random.pick(INDUSTRIES)}有限公司`;
}

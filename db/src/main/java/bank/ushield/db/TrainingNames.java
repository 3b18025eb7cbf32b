package bank.ushield.db;

import java.util.List;

/** Word lists for plausible training customers: common surnames, given-name characters, real GB/T 2260 districts. */
final class TrainingNames {
    private TrainingNames() {
    }

    /** The most common Chinese surnames (public surname frequency lists), most frequent first. */
    static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
            "彭", "曾", "萧", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁",
            "任", "卢", "欧阳", "司马");

    /** Characters common in given names; one or two of them make a given name. */
    static final List<String> GIVEN_MALE = List.of("伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平",
            "辉", "鹏", "华", "飞", "鑫", "波", "宁", "浩", "宇", "俊", "志", "建", "国", "文", "博", "晨", "子", "轩");
    static final List<String> GIVEN_FEMALE = List.of("芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "慧",
            "燕", "玲", "丹", "萍", "红", "琳", "颖", "倩", "佳", "欣", "怡", "梦", "雨", "思", "晓", "月", "秀", "英", "兰");

    /** Real GB/T 2260 county-level codes (district names in the comment), a small set is enough for training. */
    static final List<String> REGIONS = List.of(
            "110101", // 北京市东城区
            "110105", // 北京市朝阳区
            "110108", // 北京市海淀区
            "120101", // 天津市和平区
            "310101", // 上海市黄浦区
            "310104", // 上海市徐汇区
            "310115", // 上海市浦东新区
            "320102", // 南京市玄武区
            "330106", // 杭州市西湖区
            "350203", // 厦门市思明区
            "370102", // 济南市历下区
            "420106", // 武汉市武昌区
            "430102", // 长沙市芙蓉区
            "440103", // 广州市荔湾区
            "440106", // 广州市天河区
            "440304", // 深圳市福田区
            "440305", // 深圳市南山区
            "500103", // 重庆市渝中区
            "510104", // 成都市锦江区
            "610113"); // 西安市雁塔区

    /** ICBC debit card BINs with 19-digit numbers (third-party table, shared/DOMAIN.md; not authoritative). */
    static final List<String> BINS_19 = List.of("622200", "622202", "622203", "622208", "621226", "621225", "623062",
            "621227", "955880");
    /** ICBC BINs with 16-digit numbers (same table). */
    static final List<String> BINS_16 = List.of("622210", "622211", "622212", "622213", "622214", "622215", "622230",
            "622235");
}

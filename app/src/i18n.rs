//! Every string the app shows, in zh-CN and English.
//!
//! One macro defines the struct and both languages together, so a string
//! cannot exist in one language only: a missing translation is a compile error.

use crate::prefs::Lang;

macro_rules! texts {
    ($($key:ident: $zh:expr, $en:expr;)*) => {
        /// The app's strings in one language.
        pub struct Text { $(pub $key: &'static str,)* }
        /// Simplified Chinese, the default.
        pub static ZH: Text = Text { $($key: $zh,)* };
        /// English.
        pub static EN: Text = Text { $($key: $en,)* };
    };
}

texts! {
    app_name: "慢特通", "Mantetong";
    tagline: "门诊慢特病待遇认定助手", "Help with outpatient chronic and special disease benefits";
    skip_to_main: "跳到主要内容", "Skip to main content";
    settings_label: "显示设置", "Display settings";
    lang_switch: "English", "中文";
    lang_switch_label: "Switch to English", "切换到中文";
    elder_switch: "长辈模式（大字）", "Elder mode (large text)";
    home_doc_title: "慢特通 - 门诊慢特病待遇认定助手", "Mantetong - help with outpatient chronic disease benefits";
    home_title: "门诊慢特病待遇认定，一步一步帮您办", "Get your outpatient chronic disease benefits recognised, step by step";
    home_lead: "高血压、糖尿病、恶性肿瘤等门诊慢特病，经医保部门认定后，门诊看病和买药可以按比例报销。慢特通帮您看看能不能办、要准备哪些材料、大概能报多少，再帮您把申请交到所在地区。",
        "Once your medical insurance office recognises a chronic or special disease such as high blood pressure, diabetes or cancer, outpatient visits and medicines are reimbursed at a higher rate. Mantetong tells you whether you qualify, which papers to prepare and roughly how much will be paid back, then helps you send the application to your region.";
    home_does_title: "慢特通能帮您做什么", "What Mantetong does for you";
    home_does_1: "能不能办：只问还需要知道的问题，每个结论都注明政策出处。", "Whether you qualify: it asks only what it still needs to know, and every answer names its policy source.";
    home_does_2: "要哪些材料：列出您需要的材料，提前检查盖章、有效期等常见问题。", "Which papers: a list of what you need, with seals, dates and other common problems checked in advance.";
    home_does_3: "能报多少：按当地政策估算一年能报销的金额。", "How much: an estimate of what the insurance pays in a year under your region's rules.";
    home_steps_title: "接下来的步骤", "The steps ahead";
    home_step_1: "选择参保地区", "Choose the region where you are insured";
    home_step_2: "说明是给自己办，还是替家人办", "Say whether you are applying for yourself or for a family member";
    home_step_3: "回答几个问题", "Answer a few questions";
    home_step_4: "查看结果、材料清单和报销估算", "See the result, your checklist of papers and the estimate";
    home_step_5: "核对后提交，或打印纸质材料", "Check your answers, then submit or print the paper forms";
    privacy_title: "您的信息留在手机上", "Your information stays on your phone";
    privacy_body: "您填写的内容和上传的照片只保存在这台手机上。在您按下“提交”之前，不会发送到任何地方，也不会发给任何第三方。",
        "What you type and the photos you add are kept only on this phone. Nothing is sent anywhere before you press “Submit”, and nothing ever goes to a third party.";
    not_found_doc_title: "页面不存在 - 慢特通", "Page not found - Mantetong";
    not_found_title: "页面不存在", "Page not found";
    not_found_body: "您要找的页面不存在，可能是地址输错了。", "The page you are looking for does not exist. The address may be mistyped.";
    back_home: "返回首页", "Back to the home page";
    start: "开始", "Start";
    drafts_link: "我的申请", "My applications";
    drafts_doc_title: "我的申请 - 慢特通", "My applications - Mantetong";
    drafts_title: "我的申请", "My applications";
    drafts_lead: "每份申请都只保存在这台手机上。可以同时为几位家人准备申请。", "Each application is kept only on this phone. You can prepare several, for example one for each parent.";
    drafts_empty: "还没有申请。", "No applications yet.";
    drafts_new: "开始新的申请", "Start a new application";
    drafts_continue: "继续", "Continue";
    drafts_export: "导出为文件", "Export to a file";
    drafts_delete: "删除", "Delete";
    drafts_import: "导入申请文件", "Import an application file";
    drafts_import_hint: "选择之前从慢特通导出的 .json 文件。", "Choose a .json file exported from Mantetong earlier.";
    drafts_import_failed: "这个文件不是慢特通导出的申请文件，未导入。", "This is not an application file exported from Mantetong; nothing was imported.";
    drafts_imported: "已导入。", "Imported.";
    drafts_untitled: "未选择地区", "No region yet";
    drafts_for_self: "本人", "Myself";
    drafts_for_family: "代办", "For a family member";
    drafts_updated: "更新于", "Updated";
    delete_all: "删除我的所有数据", "Delete all my data";
    delete_all_body: "将删除这台手机上慢特通保存的所有申请、材料照片和设置，无法恢复。", "This deletes every application, photo and setting Mantetong keeps on this phone. It cannot be undone.";
    delete_all_confirm: "确认删除全部", "Yes, delete everything";
    delete_all_cancel: "取消", "Cancel";
    delete_all_done: "已删除。这台手机上不再保存任何慢特通数据。", "Deleted. Mantetong keeps nothing on this phone now.";

    resume: "继续上次的申请", "Continue where you left off";
    step_of: "第 {n} 步，共 {total} 步", "Step {n} of {total}";
    step_region: "选择地区", "Region";
    step_who: "申请人", "Applicant";
    step_questions: "回答问题", "Questions";
    step_result: "结果", "Result";
    continue_: "继续", "Continue";
    back: "返回上一步", "Back";
    error_prefix: "错误：", "Error: ";
    error_summary_title: "请先处理以下问题", "There is a problem";
    error_choose_one: "请选择一项", "Select one option";
    error_enter_date: "请输入日期，格式如 2025-08-20", "Enter a date, for example 2025-08-20";
    error_enter_number: "请输入一个不小于 0 的数字", "Enter a number of 0 or more";
    loading: "正在加载…", "Loading…";
    load_failed: "加载失败，请检查网络后刷新页面。", "Could not load. Check your connection and reload the page.";
    region_title: "您在哪个地区参加医保？", "Where are you insured?";
    region_title_proxy: "被申请人在哪个地区参加医保？", "Where is the person you are applying for insured?";
    region_hint: "按参保地选择，不是户籍地。各地的病种、材料和报销标准不同。", "Choose where the insurance is held, not where the ID card was issued. Diseases, papers and payments differ by region.";
    region_partial: "（仅提供办理渠道）", "(how to apply only)";
    region_doc_title: "选择地区 - 慢特通", "Choose your region - Mantetong";
    who_title: "这次是给谁申请？", "Who are you applying for?";
    who_doc_title: "申请人 - 慢特通", "Who is applying - Mantetong";
    who_myself: "给我自己", "Myself";
    who_family: "替家人申请（代办）", "A family member (on their behalf)";
    who_relationship: "他/她是您的", "They are your";
    rel_parent: "父亲或母亲", "Father or mother";
    rel_spouse: "配偶", "Husband or wife";
    rel_child: "子女", "Son or daughter";
    rel_other: "其他亲属", "Another relative";
    question_doc_title: "回答问题 - 慢特通", "Questions - Mantetong";
    why_we_ask: "为什么问这个", "Why we ask";
    source_label: "政策出处：", "Policy source: ";
    yes: "是", "Yes";
    no: "否", "No";
    question_gone: "这个问题已不需要回答。", "This question no longer needs an answer.";
    result_doc_title: "结果 - 慢特通", "Result - Mantetong";
    result_title: "初步结果", "Your result so far";
    status_eligible: "符合申请条件", "You can apply";
    status_ineligible: "目前不符合申请条件", "You cannot apply at the moment";
    status_undetermined: "还不能确定", "Not yet known";
    status_eligible_body: "按您的回答，符合当地门诊慢特病待遇认定的条件。最终以医保部门审核为准。", "From your answers you meet your region's conditions. The medical insurance office makes the final decision.";
    status_ineligible_body: "下面标出了不符合的条件。情况变化后（例如补缴医保、换到符合要求的医院重新诊断），可以再来检查。如有疑问，请咨询当地医保经办机构。", "The conditions not met are marked below. When things change (for example contributions are paid up, or a qualifying hospital makes the diagnosis) you can check again. Your local medical insurance office can advise you.";
    status_undetermined_body: "还缺少一些信息，回答后才能判断。", "Some information is still missing before this can be decided.";
    reasons_title: "判断依据", "Reasons";
    outcome_pass: "符合", "Met";
    outcome_fail: "不符合", "Not met";
    outcome_unknown: "未知", "Unknown";
    answer_more: "继续回答问题", "Answer the remaining questions";
    change_answers: "修改回答", "Change your answers";
    unknown_note: "“未知”表示政策没有说明或您还没有回答，不代表不符合。", "“Unknown” means the policy does not say or you have not answered yet; it does not mean the condition is not met.";
    read_aloud: "朗读", "Read aloud";
    step_materials: "材料", "Papers";
    step_estimate: "报销估算", "Estimate";
    step_timeline: "办理时间", "Timeline";
    step_check: "核对", "Check";
    next_materials: "查看需要的材料", "See which papers you need";
    materials_doc_title: "材料清单 - 慢特通", "Your papers - Mantetong";
    materials_title: "需要准备的材料", "The papers you need";
    materials_lead: "逐项添加您手上的材料，我们会提前检查常见问题。照片会在手机上压缩并去掉位置信息，不会上传。", "Add each paper you have and we check it for the common problems first. Photos are made smaller and their location data removed on this phone; nothing is uploaded.";
    need_required: "必需", "Required";
    need_usually: "通常需要", "Usually required";
    need_conditional: "视情况需要", "Depends on your situation";
    need_may: "部分病种需要", "Needed for some diseases";
    mat_ok: "已检查，没有发现问题", "Checked: no problems found";
    mat_missing: "还没有添加", "Not added yet";
    mat_problem: "有问题需要处理", "Needs attention";
    mat_unchecked: "已添加，尚未检查", "Added, not checked";
    add_paper: "添加或检查这份材料", "Add or check this paper";
    validity_months: "有效期：{n} 个月内", "Valid for {n} months";
    fix_missing: "请准备这份材料后添加。", "Get this paper, then add it.";
    fix_expired: "材料已过有效期，请到医院重新开具或复印最新的报告。", "It is too old: ask the hospital for a new one or a copy of the latest report.";
    fix_unsealed: "请带上这份材料回到出具的医院，请医院补盖所需印章。", "Take it back to the hospital that issued it and ask them to add the required seal.";
    fix_stage_missing: "请医生在诊断证明上注明疾病分期或分型。", "Ask the doctor to state the stage or type of the disease on the certificate.";
    fix_hospital_level: "请到符合要求的医院（见上）重新诊断并开具证明。", "Have the diagnosis made and certified at a hospital that meets the requirement above.";
    fix_file_type: "请上传照片（JPG、PNG）或 PDF 文件。", "Upload a photo (JPG, PNG) or a PDF file.";
    fix_file_too_large: "文件太大，请重新拍照或分页上传。", "The file is too large: take the photo again or upload the pages separately.";
    fix_future_date: "日期晚于今天，请核对材料上的日期。", "The date is after today: check the date on the paper.";
    doc_doc_title: "添加材料 - 慢特通", "Add a paper - Mantetong";
    doc_issued: "这份材料是哪一天出具的？", "On what date was this paper issued?";
    doc_issued_hint: "看材料上的日期，例如 2025-08-20", "The date on the paper, for example 2025-08-20";
    doc_sealed_hospital: "材料上有医院的公章吗？", "Does it carry the hospital's official seal?";
    doc_sealed_records: "材料上有医院病案室的专用章吗？", "Does it carry the medical-records room's seal?";
    doc_states_stage: "诊断证明上注明了疾病的分期或分型吗？", "Does the certificate state the stage or type of the disease?";
    doc_hospital_level: "出具材料的医院是几级医院？", "What level is the hospital that issued it?";
    level_3: "三级", "Level 3";
    level_2: "二级", "Level 2";
    level_1: "一级或社区、诊所", "Level 1, community centre or clinic";
    doc_hospital_public: "这家医院是公立医院吗？", "Is it a public hospital?";
    doc_hospital_designated: "这家医院是医保定点医院吗？", "Is it a designated medical-insurance hospital?";
    doc_file: "拍照或选择文件（可选）", "Take a photo or choose a file (optional)";
    doc_file_hint: "支持照片和 PDF。照片会在手机上压缩到约 400 KB，并去掉拍摄位置等信息。", "Photos and PDFs. Photos are reduced to about 400 KB on this phone, and location data is removed.";
    doc_file_saved: "已保存在本机：", "Saved on this phone: ";
    doc_file_refused: "无法使用这个文件：只支持 JPG、PNG、WebP 照片和 PDF。请换一个文件，或给材料拍一张照片。", "This file cannot be used: only JPG, PNG and WebP photos and PDFs. Choose another file or take a photo of the paper.";
    doc_file_failed: "这张照片无法处理，请重新拍照后再试。", "This photo could not be processed. Take it again and retry.";
    doc_file_working: "正在处理照片…", "Processing the photo…";
    save: "保存", "Save";
    proxy_doc_title: "代办人和被代办人 - 慢特通", "You and the person you apply for - Mantetong";
    proxy_title: "代办需要的信息", "Details for applying on someone's behalf";
    proxy_lead: "这些信息用于填写授权委托书和申请表，只保存在这台手机上。", "These fill in the letter of authorisation and the form; they stay on this phone.";
    proxy_principal: "被代办人（参保人）", "The insured person";
    proxy_agent: "您（代办人）", "You (the agent)";
    field_name: "姓名", "Full name";
    field_id_number: "身份证号码", "ID card number";
    field_id_hint: "18 位，最后一位可能是 X", "18 characters; the last may be X";
    field_phone: "手机号码", "Mobile number";
    field_card: "医保卡号（可选）", "Medical insurance card number (optional)";
    error_name: "请输入姓名", "Enter the full name";
    error_phone: "请输入 11 位手机号码", "Enter an 11-digit mobile number";
    error_id_prefix: "身份证号码有误：", "The ID number is wrong: ";
    proxy_banner: "您正在替{rel}申请：以下问题请按{rel}的情况回答。", "You are applying for your {rel}: answer the questions about them.";
    rel_parent_short: "父亲或母亲", "father or mother";
    rel_spouse_short: "配偶", "husband or wife";
    rel_child_short: "子女", "son or daughter";
    rel_other_short: "亲属", "relative";
    possessive: "{rel}的", "your {rel}'s ";
    letter_doc_title: "授权委托书 - 慢特通", "Letter of authorisation - Mantetong";
    letter_link: "打印授权委托书", "Print the letter of authorisation";
    letter_title: "授权委托书", "授权委托书 (Letter of authorisation)";
    letter_print: "打印", "Print";
    letter_note: "打印后由双方签字，委托人按手印，再拍照添加到材料中。没有找到医保部门的官方模板，如当地有指定格式请以当地为准。", "After printing, both sign and the insured person adds a fingerprint; then photograph it and add it to your papers. No official template was found; if your region has one, use it.";
    letter_principal: "委托人（参保人）", "Principal (insured person)";
    letter_agent: "受托人（代办人）", "Agent";
    letter_sex: "性别", "Sex";
    letter_male: "男", "Male";
    letter_female: "女", "Female";
    letter_scheme: "参保类型", "Scheme";
    scheme_employee: "职工医保", "Employee scheme";
    scheme_resident: "城乡居民医保", "Resident scheme";
    letter_relationship: "与委托人关系", "Relationship to the principal";
    letter_reason: "委托原因：委托人因年老或身体原因，不便亲自办理。", "Reason: the principal cannot attend in person because of age or health.";
    letter_matter: "委托事项：代为申请门诊慢特病待遇认定（病种：{disease}），代为提交、补充申请材料，代为接收审核结果。", "Matter: to apply on the principal's behalf for recognition of outpatient chronic/special disease benefits (disease: {disease}), to submit and add materials, and to receive the decision.";
    letter_powers: "受托人在上述委托范围内所签署的文件，委托人均予以承认。受托人无转委托权。", "The principal accepts what the agent signs within this scope. The agent may not delegate further.";
    letter_term: "委托期限：自签署之日起至上述事项办结之日止。", "Term: from signing until the matter is settled.";
    letter_sign_principal: "委托人签字（按手印）：", "Principal's signature (and fingerprint): ";
    letter_sign_agent: "受托人签字：", "Agent's signature: ";
    letter_date: "日期：    年    月    日", "Date: ____ / __ / __";
    letter_attach: "附：委托人、受托人身份证复印件", "Attached: copies of both ID cards";
    blank: "＿＿＿＿＿＿", "__________";
    id_err_length: "应为 18 位，现在是 {n} 位", "must be 18 characters, not {n}";
    id_err_char: "第 {p} 位“{c}”不对，应为数字（最后一位可以是 X）", "character {p} ({c}) should be a digit (the last may be X)";
    id_err_birth: "第 7-14 位的出生日期不是有效日期", "the birth date in characters 7-14 is not a real date";
    id_err_check: "最后一位校验码应为 {x}，请核对号码", "the last character should be {x}: check the number";
    remove_paper: "删除这份材料", "Remove this paper";
    next_estimate: "下一步：报销估算", "Next: the estimate";
    estimate_doc_title: "报销估算 - 慢特通", "Benefit estimate - Mantetong";
    estimate_title: "一年大概能报销多少？", "How much might be paid back in a year?";
    estimate_lead: "填写预计一年在门诊看这个病的花费（元），不知道可以不填。", "Enter the expected yearly outpatient spending on this disease in yuan; leave blank what you do not know.";
    exp_drugs: "药费", "Medicines";
    exp_exams: "检查费", "Examinations";
    exp_treatment: "治疗费", "Treatment";
    exp_targeted_drugs: "靶向药费", "Targeted drugs";
    exp_inpatient: "住院费用", "Inpatient care";
    yuan: "元", "yuan";
    update_estimate: "计算", "Calculate";
    est_reimbursed: "医保报销", "Insurance pays";
    est_reimbursed_floor: "医保报销（至少）", "Insurance pays (at least)";
    est_out_of_pocket: "个人负担", "You pay";
    est_out_of_pocket_bound: "个人负担（至多）", "You pay (at most)";
    est_cap: "年度限额", "Yearly cap";
    est_cap_unknown: "未公布", "Not published";
    est_ratio: "报销比例", "Ratio";
    est_ratio_floor: "不低于", "at least";
    est_none: "当地政策没有公布报销比例和限额，暂时无法估算。", "The region has not published its ratio or cap, so no estimate can be made.";
    est_bound_note: "这是一个范围，不是确切金额：", "This is a bound, not an exact figure: ";
    est_chart_title: "报销金额随年度花费的变化", "Payout against yearly spending";
    est_chart_x: "年度门诊花费（元）", "Yearly outpatient spending (yuan)";
    est_chart_y: "报销（元）", "Paid back (yuan)";
    next_timeline: "下一步：办理时间", "Next: the timeline";
    timeline_doc_title: "办理时间 - 慢特通", "Timeline - Mantetong";
    timeline_title: "如果今天提交", "If you submit today";
    tl_submitted: "提交", "Submitted";
    tl_pre_review: "预审结果最晚", "Pre-review result by";
    tl_decision: "审核结果最晚", "Decision by";
    tl_effective: "待遇生效", "Benefits start";
    tl_renewal: "需要续期", "Renewal due";
    tl_unknown: "政策未说明", "Not stated by the policy";
    tl_working_days: "按国家法定节假日和调休安排计算工作日。", "Working days follow the official holiday and make-up-day calendar.";
    tl_ics: "下载续期提醒（日历文件）", "Download a renewal reminder (calendar file)";
    tl_ics_summary: "门诊慢特病待遇续期", "Renew outpatient chronic disease benefits";
    next_check: "下一步：核对回答", "Next: check your answers";
    check_doc_title: "核对回答 - 慢特通", "Check your answers - Mantetong";
    check_title: "提交前请核对您的回答", "Check your answers before submitting";
    check_region: "参保地区", "Region";
    check_who: "申请人", "Applying for";
    check_papers: "已添加的材料", "Papers added";
    change: "修改", "Change";
    not_answered: "未回答", "Not answered";
    confirm_ready: "确认无误，准备申请", "Confirm and prepare the application";
    ready_doc_title: "申请已准备好 - 慢特通", "Application ready - Mantetong";
    ready_title: "申请材料已准备好", "Your application is ready";
    ready_channel: "在哪里办理", "Where to apply";
    ready_body: "按下面的渠道办理。您的回答和材料仍只保存在这台手机上。", "Apply through the channel below. Your answers and papers are still kept only on this phone.";
    ready_no_channel: "当地政策没有说明办理渠道，请咨询当地医保经办机构。", "The policy does not name a channel: ask your local medical insurance office.";
}

/// The strings for `lang`.
pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

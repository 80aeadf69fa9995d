//! Every string the app shows, in zh-CN and English.
//!
//! One macro defines the struct and both languages together, so a string
//! cannot exist in one language only: a missing translation is a compile error.

use crate::prefs::Lang;

macro_rules! texts {
    (
        first { $($key:ident: $zh:expr, $en:expr;)* }
        later { $($lkey:ident: $lzh:expr, $len:expr;)* }
        views { $($vkey:ident: $vzh:expr, $ven:expr;)* }
    ) => {
        /// The app's strings in one language: those the first-load module
        /// shows (shell, home, not found, privacy notice, loading) as
        /// fields, the rest through `Deref` ([`LaterText`]).
        pub struct Text { $(pub $key: &'static str,)* }
        /// Simplified Chinese, the default.
        pub static ZH: Text = Text { $($key: $zh,)* };
        /// English.
        pub static EN: Text = Text { $($key: $en,)* };
        /// The strings only the pages past home show. Reached as fields of
        /// [`Text`] (`ui.t().step_of`) through `Deref`, which only code in
        /// the second module calls, so wasm-split puts these statics (about
        /// 21 KB raw, 7 KB brotli) in the module that uses them, not in the
        /// first load.
        pub struct LaterText { $(pub $lkey: &'static str,)* }
        static LATER_ZH: LaterText = LaterText { $($lkey: $lzh,)* };
        static LATER_EN: LaterText = LaterText { $($lkey: $len,)* };
        /// The strings only the third module's pages show (app/src/views.rs),
        /// reached from [`LaterText`] through `Deref`, which only that
        /// module's code calls: wasm-split keeps them (about 15 KB raw) out
        /// of the flow's bytes (issue 15).
        pub struct ViewsText { $(pub $vkey: &'static str,)* }
        static VIEWS_ZH: ViewsText = ViewsText { $($vkey: $vzh,)* };
        static VIEWS_EN: ViewsText = ViewsText { $($vkey: $ven,)* };
        /// Every English string with its key (for the tests).
        #[cfg(test)]
        fn all_en() -> Vec<(&'static str, &'static str)> {
            vec![$((stringify!($key), $en),)* $((stringify!($lkey), $len),)* $((stringify!($vkey), $ven),)*]
        }
    };
}

texts! {
    // The first-load module's (shell, home, not found, privacy notice).
    first {
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
    home_paper_title: "纸质办理清单", "Paper checklists";
    home_paper_body: "不用在线检查也能用：每个地区谁可以申请、要准备的材料和盖章、有效期要求、到哪里办，都可以打印。", "For use without the online check: for each region, who can apply, the papers with their seals and dates, and where to apply. Printable.";
    not_found_doc_title: "页面不存在 - 慢特通", "Page not found - Mantetong";
    not_found_title: "页面不存在", "Page not found";
    not_found_body: "您要找的页面不存在，可能是地址输错了。", "The page you are looking for does not exist. The address may be mistyped.";
    back_home: "返回首页", "Back to the home page";
    start: "开始", "Start";
    privacy_doc_title: "个人信息说明 - 慢特通", "How we handle your information - Mantetong";
    privacy_notice_title: "开始前，请了解我们如何处理您的信息", "Before you start: how your information is handled";
    privacy_what_title: "会收集什么", "What is collected";
    privacy_what: "参保情况、所患疾病和诊断信息、身份证号码、代办人信息，以及您拍摄的材料照片。其中健康和身份信息属于敏感个人信息（《个人信息保护法》第二十八条）。只问办理需要的信息。", "Your insurance situation, the disease and its diagnosis, ID numbers, the agent's details if someone applies for you, and photos of your papers. Health and identity details are sensitive personal information (PIPL art. 28). Only what the application needs is asked.";
    privacy_why_title: "为什么需要", "Why";
    privacy_why: "用于判断能否申请、检查材料、估算报销，并在您同意时生成和提交申请。", "To check whether you can apply, pre-review your papers, estimate the payment and, when you choose to, prepare and submit the application.";
    privacy_where_title: "保存在哪里、保存多久", "Where it is kept, and for how long";
    privacy_where: "只保存在这台手机的浏览器里，直到您删除。按下“提交申请”时，申请材料才发送到页面上写明的接收方，不会发送给任何第三方；提交后的保存期限由接收方规定。", "Only in this phone's browser, until you delete it. Only when you press “Submit the application” is it sent, to the receiver the page names and to no third party; how long it is kept after that is up to the receiver.";
    privacy_delete_title: "如何删除", "How to delete it";
    privacy_delete: "随时在“我的申请”页面删除某一份申请，或删除全部数据。", "At any time on “My applications”: delete one application, or all your data.";
    privacy_agree: "我已了解，继续", "I understand, continue";
    drafts_link: "我的申请", "My applications";
    resume: "继续上次的申请", "Continue where you left off";
    error_prefix: "错误：", "Error: ";
    loading: "正在加载…", "Loading…";
    page_load_failed_title: "这一页没有加载成功", "This page did not load";
    page_load_failed: "请检查网络，再点“重试”。您填写的内容都还在。", "Check your connection and press “Try again”. Everything you entered is still here.";
    retry: "重试", "Try again";
    }
    // Past home (the second module): reached through `Deref`.
    later {
    // Joining a label to its value, and two sentences, in each language.
    label_sep: "：", ": ";
    sentence_sep: "。", ". ";

    delete_all: "删除我的所有数据", "Delete all my data";

    step_of: "第 {n} 步，共 {total} 步", "Step {n} of {total}";
    step_region: "选择地区", "Region";
    step_who: "申请人", "Applicant";
    step_questions: "回答问题", "Questions";
    step_result: "结果", "Result";
    continue_: "继续", "Continue";
    back: "返回上一步", "Back";
    error_summary_title: "请先处理以下问题", "There is a problem";
    error_choose_one: "请选择一项", "Select one option";
    error_enter_date: "请输入日期，格式如 2025-08-20", "Enter a date, for example 2025-08-20";
    error_enter_number: "请输入一个不小于 0 的数字", "Enter a number of 0 or more";
    load_failed: "加载失败，请检查网络后刷新页面。", "Could not load. Check your connection and reload the page.";
    region_title: "您在哪个地区参加医保？", "Where are you insured?";
    region_title_proxy: "被申请人在哪个地区参加医保？", "Where is the person you are applying for insured?";
    region_hint: "按参保地选择，不是户籍地。各地的病种、材料和报销标准不同。", "Choose where the insurance is held, not where the ID card was issued. Diseases, papers and payments differ by region.";
    region_partial: "（政策信息不完整）", "(policy information incomplete)";
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
    author_sources: "规则作者参考：政策文件与章节", "For rule authors: policy files and sections";
    fix_unsigned: "请主治医师在申请表上签字确认后，重新拍照上传。", "Have the attending physician sign the form, then take a new photo.";
    doc_seal_kind: "盖的是哪种章？", "Which seal is on it?";
    seal_hospital: "医院公章", "The hospital's official seal (医院公章)";
    seal_department: "科室的章（如检验科、影像科、门诊、诊断证明专用章）", "A department's seal (lab, imaging, outpatients, diagnosis-certificate seal)";
    seal_records_room: "病案室专用章", "The medical-records room's seal (病案室专用章)";
    seal_other: "其他章", "Another seal";
    seal_none: "没有盖章", "No seal";
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
    doc_file_hint: "支持照片和 PDF。照片会在手机上压缩到约 400 KB，并去掉拍摄位置等信息。", "Photos and PDFs. Photos are reduced to about 400 KB on this phone, and location data is removed.";
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
    letter_link: "打印授权委托书", "Print the letter of authorisation";
    id_err_length: "应为 18 位，现在是 {n} 位", "must be 18 characters, not {n}";
    id_err_char: "第 {p} 位“{c}”不对，应为数字（最后一位可以是 X）", "character {p} ({c}) should be a digit (the last may be X)";
    id_err_birth: "第 7-14 位的出生日期不是有效日期", "the birth date in characters 7-14 is not a real date";
    id_err_check: "最后一位校验码应为 {x}，请核对号码", "the last character should be {x}: check the number";
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
    tl_renewal_auto: "自动续期（无需申请，到期可查询）", "Renews automatically (nothing to apply for; check it then)";
    tl_ics_check: "下载查询提醒（日历文件）：到期查看是否已自动续期", "Download a reminder (calendar file) to check the automatic renewal happened";
    tl_ics_check_summary: "查询门诊慢特病待遇是否已自动续期", "Check that outpatient chronic disease benefits renewed automatically";
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
    submit_title: "在线提交", "Submit online";
    submit_body: "按“提交申请”后，申请材料才会离开这台手机，只发送到上面写明的接收方。网络不好也没关系：会自动重试，不会重复提交。", "Only when you press “Submit the application” does anything leave this phone, and only to the receiver named above. A bad network is fine: it retries by itself and never submits twice.";
    submit_button: "提交申请", "Submit the application";
    submit_preparing: "正在准备申请材料…", "Preparing the application…";
    submit_queued: "正在发送…", "Sending…";
    submit_retrying: "暂时没有发送成功（{why}），将自动重试。已尝试 {n} 次。", "Not sent yet ({why}); it will retry by itself. Tries so far: {n}.";
    submit_sent: "已提交，{name}已收到。", "Submitted: {name} has received it.";
    submit_sent_unnamed: "已提交，{name} 已收到（网站没有说明接收单位）。", "Submitted: {name} has received it (the site does not say who receives it).";
    submit_sent_demo: "演示服务端已收到。这不是向医保部门提交：要办理待遇认定，请仍按官方渠道办理。", "The demonstration server has received it. This is not an application to the insurance bureau: to apply, still use the official channel.";
    submit_receipt: "回执号：", "Receipt: ";
    submit_received_at: "收到时间：", "Received: ";
    submit_refused: "提交未被接受：", "The submission was not accepted: ";
    submit_failed: "无法准备申请材料：", "Could not prepare the application: ";
    download_package: "下载申请材料包（ZIP）", "Download the application package (ZIP)";
    download_package_hint: "在官方渠道上传时可以用到这些文件。", "Use these files when you upload through the official channel.";
    print_summary: "打印申请摘要", "Print a summary";
    paper_title: "纸质办理", "Applying on paper";
    paper_body: "这个地区需要带着纸质材料到现场办理。请打印下面的清单，按清单准备材料，在工作日前往。", "This region takes applications on paper, in person. Print the list below, prepare the papers on it, and go on a working day.";
    summary_materials: "材料清单", "Checklist of papers";
    route_title: "在线提交给谁", "Who receives it online";
    route_to: "提交到：{name}", "Sent to: {name}";
    route_demo: "提交到：本机演示服务端（不是医保部门）", "Sent to: a local demonstration server (not the insurance bureau)";
    route_demo_warning: "这个服务端只用于演示和测试，医保部门收不到在这里提交的申请。要办理待遇认定，请按上面的官方渠道办理。", "This server is for demonstration and testing only: the insurance bureau never sees what is sent here. To apply, use the official channel above.";
    route_unnamed: "提交到：{name}（网站没有说明接收单位）", "Sent to: {name} (the site does not say who receives it)";
    route_nobody: "这里不能在线提交：没有为这个地区配置接收单位。请按上面的渠道办理；不会有任何内容从这台手机发出。", "No online sending here: no receiver is configured for this region. Apply through the channel above; nothing leaves this phone.";
    route_checking: "正在确认接收单位…", "Checking who receives it…";
    not_ready_title: "还不能在线提交", "Not ready to send online";
    not_ready_body: "以下必需材料还缺少或有问题，处理后才能在线提交：", "These required papers are missing or have a problem; fix them before sending online:";
    ready_all_papers: "必需材料都已添加，没有发现问题。", "Every required paper is added, and no problem was found.";
    check_papers_title: "材料检查", "Your papers";
    fix_paper: "处理这份材料", "Fix this paper";
    submit_resend: "修改后重新提交", "Send it again";
    submit_returned_hint: "这份申请被退回补正。改好后重新提交：新的申请会注明它替代原来的回执号。", "This application was returned for a fix. Once fixed, send it again: the new one names the receipt it replaces.";
    handoff_link: "按步骤在{app}办理", "Apply in {app}, step by step";
    copy: "复制", "Copy";
    copied: "已复制：", "Copied: ";
    ready_no_channel: "当地政策没有说明办理渠道，请咨询当地医保经办机构。", "The policy does not name a channel: ask your local medical insurance office.";
    // The pages of the third module (app/src/views.rs) when it cannot be fetched
    // (in this block: the code that shows it is in the flow's module).
    views_offline_title: "这一页需要联网打开一次", "This page needs the internet once";
    views_offline_body: "这一页第一次打开时要从网上下载，现在没有连上网络。您填写的内容和添加的照片都保存在这部手机上，不会丢失。",
        "The first time this page is opened it is downloaded, and there is no connection now. Everything you entered and every photo you added is kept on this phone and will not be lost.";
    views_offline_todo: "请连上 Wi-Fi 或打开手机流量，再点“重试”；连上网络后也会自动重试。联网打开过一次以后，没有网络也能用这一页。",
        "Connect to Wi-Fi or turn on mobile data, then press “Try again”; it also tries again by itself once you are connected. After it has been opened once with a connection, this page works without one.";
    views_offline_short: "这一步需要联网一次（下载这部分功能）。您的内容都还在，请连上网络后再试。", "This step needs the internet once (to download this part of the app). Everything you entered is still here: connect, then try again.";
    }
    // Only the third module's pages (app/src/views.rs: the paper, drafts,
    // hand-off and letter pages, the in-app browser offer): reached
    // through `LaterText`'s `Deref`.
    views {
    inapp_wechat: "微信", "WeChat";
    inapp_this_app: "这个应用", "this app";
    inapp_title: "在{app}里不能直接下载文件，可以这样做", "Files cannot be downloaded inside {app}; here is what works";
    inapp_images: "长按每张图片，选“保存图片”存到手机相册；在官方渠道上传材料时，从相册里选这些图片。", "Press and hold each picture and choose “Save image” to keep it in the phone's album; pick them from the album when you upload in the official channel.";
    inapp_image_alt: "材料照片", "Photo of a paper";
    inapp_other_files: "另有 {n} 个文件（PDF）只能在浏览器里下载。", "{n} more files (PDF) can only be downloaded in a browser.";
    inapp_copy_hint: "可以复制下面的文字，粘贴到备忘录，或发给家人。", "Copy the text below into a note, or send it to a family member.";
    inapp_copy: "复制文字", "Copy the text";
    inapp_copied: "已复制（如果没有复制成功，请长按文字选择“复制”）", "Copied (if it did not work, press and hold the text and choose “Copy”)";
    inapp_open_browser: "要下载文件本身：点右上角“…”，选“在浏览器中打开”，再在浏览器里下载。注意：您在{app}里填写的内容只保存在{app}里，在浏览器里需要重新填写。", "For the file itself: tap “…” at the top right, choose “Open in browser”, and download it there. Note: what you entered in {app} is kept only in {app}; in the browser you would enter it again.";
    inapp_try_anyway: "仍然尝试下载", "Try to download anyway";
    inapp_close: "关闭", "Close";
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
    delete_all_body: "将删除这台手机上慢特通保存的所有申请、材料照片和设置，无法恢复。", "This deletes every application, photo and setting Mantetong keeps on this phone. It cannot be undone.";
    delete_all_confirm: "确认删除全部", "Yes, delete everything";
    delete_all_cancel: "取消", "Cancel";
    delete_all_done: "已删除。这台手机上不再保存任何慢特通数据。", "Deleted. Mantetong keeps nothing on this phone now.";
    doc_signed: "申请表上有主治医师的签字吗？", "Has the attending physician signed the form?";
    doc_period_end: "出院日期", "Discharge date";
    doc_period_end_hint: "“近两年”从出院之日算起，不是复印之日。例如 2024-11-10", "The two years count from the day of discharge, not the day of the copy. For example 2024-11-10";
    doc_doc_title: "添加材料 - 慢特通", "Add a paper - Mantetong";
    doc_issued: "这份材料是哪一天出具的？", "On what date was this paper issued?";
    doc_issued_hint: "看材料上的日期，例如 2025-08-20", "The date on the paper, for example 2025-08-20";
    doc_sealed_hospital: "材料上有医院的公章吗？", "Does it carry the hospital's official seal?";
    doc_sealed_records: "材料上有医院病案室的专用章吗？", "Does it carry the medical-records room's seal?";
    doc_sealed_any: "材料上有医院的章吗？（医院公章或检验科、影像科等科室的章都可以）", "Does it carry a seal of the hospital? (its official seal 公章 or a department's, such as the lab's, will do)";
    doc_states_stage: "诊断证明上注明了疾病的分期或分型吗？", "Does the certificate state the stage or type of the disease?";
    doc_hospital_level: "出具材料的医院是几级医院？", "What level is the hospital that issued it?";
    level_3: "三级", "Level 3";
    level_2: "二级", "Level 2";
    level_1: "一级或社区、诊所", "Level 1, community centre or clinic";
    doc_hospital_public: "这家医院是公立医院吗？", "Is it a public hospital?";
    doc_hospital_designated: "这家医院是医保定点医院吗？", "Is it a designated medical-insurance hospital?";
    doc_file: "拍照或选择文件（可选）", "Take a photo or choose a file (optional)";
    doc_file_saved: "已保存在本机：", "Saved on this phone: ";
    doc_file_refused: "无法使用这个文件：只支持 JPG、PNG、WebP 照片和 PDF。请换一个文件，或给材料拍一张照片。", "This file cannot be used: only JPG, PNG and WebP photos and PDFs. Choose another file or take a photo of the paper.";
    doc_file_failed: "这张照片无法处理，请重新拍照后再试。", "This photo could not be processed. Take it again and retry.";
    doc_file_working: "正在处理照片…", "Processing the photo…";
    doc_photo_button: "拍照 / 选择照片", "Take a photo / choose a photo";
    doc_photo_again: "重新拍照 / 换一张", "Take it again / choose another";
    doc_photo_hint: "把整张纸平放在光线好的地方，拍下整页。我们在这台手机上读出日期和红色印章，请您核对。也可以选择 PDF。照片会压缩到约 400 KB 并去掉拍摄位置，在您提交前不会发出。", "Lay the whole sheet flat in good light and photograph the full page. This phone reads the date and the red seal for you to check. A PDF also works. Photos are reduced to about 400 KB with the location removed, and nothing is sent before you submit.";
    doc_photo_hint_proxy: "请拍下{rel}这份材料的整页：平放在光线好的地方。我们在这台手机上读出日期和红色印章，请您核对。也可以选择 PDF。照片会压缩到约 400 KB 并去掉拍摄位置，在您提交前不会发出。", "Photograph the full page of {rel}paper, laid flat in good light. This phone reads the date and the red seal for you to check. A PDF also works. Photos are reduced to about 400 KB with the location removed, and nothing is sent before you submit.";
    read_preparing: "正在准备读照片的功能（只有第一次需要下载，约 2.4 MB）：{p}%", "Getting the photo reader ready (downloaded the first time only, about 2.4 MB): {p}%";
    read_reading: "正在读照片…", "Reading the photo…";
    read_title: "我们从照片上读到的", "What we read on the photo";
    read_summary: "我们读到：{items}", "We read: {items}";
    read_sep: "；", "; ";
    read_date_is: "日期 {date}", "the date {date}";
    read_seal_found: "有红色印章", "a red seal";
    read_seal_absent: "没有找到红色印章", "no red seal found";
    read_seal_unsure: "看不清有没有红色印章", "cannot tell whether there is a red seal";
    read_no_date: "没有读出日期", "no date could be read";
    read_right: "对", "Right";
    read_wrong: "不对", "Wrong";
    read_about_date: "（日期）", " (the date)";
    read_about_seal: "（印章）", " (the seal)";
    read_confirmed: "您已确认。", "You confirmed it.";
    read_prefilled: "已按照片填在下面，请核对后点“对”或“不对”。", "Filled in below from the photo: check it, then choose Right or Wrong.";
    read_fix_date: "请对照纸上，在下面填写正确的日期。", "Enter the date from the paper below.";
    read_fix_seal: "请看纸上，在下面回答有没有盖章。", "Look at the paper and answer below whether it is sealed.";
    read_your_date: "您之前填的是 {date}，没有改动；如果照片上的对，请点“对”。", "You entered {date} earlier and it is kept; choose Right if the photo's date is the right one.";
    read_why_no_date_quality: "照片不够清楚，读不出日期。请重拍，或对照纸上在下面填写。", "The photo is not clear enough to read the date: take it again, or enter the date from the paper below.";
    read_why_no_date: "照片上没有找到标着“日期”（或开具日期、报告日期、检查日期）的日期，或者看不清。请对照纸上在下面填写。", "No date labelled 日期 (or 开具日期, 报告日期, 检查日期) could be read on the photo: enter the date from the paper below.";
    read_why_seal_unsure: "印章可能太淡、被遮住或照片不清楚。请看看纸上有没有红色印章，在下面回答。", "The seal may be faint, covered or the photo unclear: look at the paper for a red seal and answer below.";
    read_quality_blurry: "照片有点模糊，看不清字。请把手机拿稳、对准纸面，等画面清楚后再拍一张。", "The photo is blurry and the text cannot be read. Hold the phone still over the paper and take it again once the picture is sharp.";
    read_quality_dark: "照片太暗。请到光线好的地方（例如窗边），别让手机的影子挡住纸，再拍一张。", "The photo is too dark. Move to good light (by a window, say), keep the phone's shadow off the paper, and take it again.";
    read_quality_small: "照片太小，看不清字。请靠近一些，让纸占满画面，再拍一张。", "The photo is too small to read. Move closer so the paper fills the picture, and take it again.";
    read_quality_not_doc: "这张照片里好像没有纸质材料。请把整张纸平放，拍下整页。", "This photo does not seem to show a paper. Lay the whole sheet flat and photograph the full page.";
    read_pdf: "PDF 已保存在本机。PDF 不自动读取，请对照纸上回答下面的问题。", "The PDF is saved on this phone. PDFs are not read automatically: answer the questions below from the paper.";
    read_unavailable: "现在无法自动读照片（读照片的功能没能下载，可能没有网络）。照片已保存，请对照纸上回答下面的问题；有网络时再添加一次照片，就能自动读取。", "The photo cannot be read automatically now (the photo reader could not be downloaded; perhaps there is no network). The photo is saved: answer the questions below from the paper, or add the photo again when online to have it read.";
    read_failed: "没能读出这张照片。照片已保存，请对照纸上回答下面的问题。", "This photo could not be read. It is saved: answer the questions below from the paper.";
    read_heic: "这是 HEIC 格式的照片（苹果手机的默认格式），这里打不开，没有保存。请在手机“设置 > 相机 > 格式”里选“兼容性最佳”后重拍，或者截屏后选择截图。", "This is a HEIC photo (the iPhone's default format), which cannot be opened here, so it was not saved. Set Settings > Camera > Formats to “Most Compatible” and take it again, or take a screenshot and choose that.";
    read_damaged: "这张照片的文件不完整（可能没有传完，或者已经损坏），没有保存。请重新拍照，或者重新选择。", "This photo's file is incomplete (cut short or damaged), so it was not saved. Take the photo again or choose it again.";
    read_large: "照片很大（{mp} 百万像素），已在手机上缩小后再读。", "The photo is very large ({mp} megapixels): it was reduced on this phone before reading.";
    read_photo_alt: "您添加的照片", "The photo you added";
    read_photo_alt_seal: "您添加的照片，蓝色方框标出了找到的印章", "The photo you added, with the seal found outlined in blue";
    read_problems: "提前检查发现的问题：", "Problems the pre-check found:";
    read_no_problem: "按这些答案，提前检查没有发现问题。", "With these answers the pre-check finds no problem.";
    read_carried: "（前面已回答，不用再填）", " (answered earlier: no need to enter it again)";
    read_carried_level: "诊断医院的级别：", "The diagnosing hospital's level: ";
    read_carried_public: "诊断医院是公立医院：", "The diagnosing hospital is public: ";
    read_carried_designated: "诊断医院是医保定点医院：", "The diagnosing hospital is designated: ";
    letter_doc_title: "授权委托书 - 慢特通", "Letter of authorisation - Mantetong";
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
    remove_paper: "删除这份材料", "Remove this paper";
    handoff_doc_title: "在官方渠道办理 - 慢特通", "Apply through the official channel - Mantetong";
    handoff_title: "在{app}办理", "Apply in {app}";
    handoff_lead: "这个地区在{app}里受理申请。慢特通不会替您提交：请按下面的步骤，在{app}中填写和上传。", "This region takes applications in {app}. Mantetong does not send it for you: follow the steps below and fill in and upload in {app}.";
    handoff_steps: "办理步骤", "Steps";
    handoff_proxy: "您是替家人办理：在{app}中选择代办入口（“为他人申请”或“他人代办”），再填写被代办人的信息。", "You are applying for a family member: in {app} choose the proxy entry (为他人申请 or 他人代办), then enter their details.";
    handoff_fields: "需要填写的信息（点一下即可复制）", "Details to type in (tap to copy)";
    handoff_papers: "需要上传的材料照片", "Photos of the papers to upload";
    handoff_papers_hint: "逐张保存到手机，再在{app}中上传。", "Save them to the phone one by one, then upload them in {app}.";
    save_photo: "保存", "Save";
    handoff_done: "我已在{app}提交", "I have submitted in {app}";
    handoff_done_at: "您已于 {day} 在{app}提交。按政策推算：", "You submitted in {app} on {day}. By the policy:";
    handoff_undo: "撤销这个标记", "Undo this";
    handoff_not_sent: "慢特通没有发送任何内容。", "Mantetong has sent nothing.";
    field_disease: "病种", "Disease";
    field_hospital: "诊断医院", "Diagnosing hospital";
    field_diagnosis_date: "诊断日期", "Date of diagnosis";
    remote_received: "已收到，等待审核", "Received, waiting for review";
    remote_returned: "已退回补正", "Returned for a fix";
    remote_in_review: "专家复核中", "Under expert review";
    remote_approved: "已通过", "Approved";
    remote_refused: "不予认定", "Not recognised";
    remote_reasons: "原因", "Reasons";
    remote_resubmit_by: "请在 {day} 前修改后重新提交。", "Fix it and send it again by {day}.";
    remote_resubmit_unknown: "政策没有说明补正期限，请尽快修改后重新提交。", "The policy gives no deadline for the fix: send it again soon.";
    remote_effective: "待遇生效：{day}", "Benefits start: {day}";
    remote_late: "（晚于补正期限提交）", "(sent after the deadline)";
    remote_decided_at: "决定时间：", "Decided: ";
    remote_note: "状态由接收单位给出，打开此页时更新。", "The status comes from the receiver and is updated when you open this page.";
    sent_to: "提交到：", "Sent to: ";
    demo_server: "本机演示服务端（不是医保部门）", "a local demonstration server (not the insurance bureau)";
    drafts_handoff_done: "已在官方渠道提交（{day}）", "Submitted through the official channel ({day})";
    }
}

impl std::ops::Deref for Text {
    type Target = LaterText;
    /// Called from the first-load module it would pull every later string
    /// into the first load: keep first-screen strings in the `first` block.
    fn deref(&self) -> &LaterText {
        if std::ptr::eq(self, &ZH) {
            &LATER_ZH
        } else {
            &LATER_EN
        }
    }
}

impl std::ops::Deref for LaterText {
    type Target = ViewsText;
    /// Called from the flow's module it would pull the third module's
    /// strings into the flow: keep the strings the flow shows in `later`.
    fn deref(&self) -> &ViewsText {
        if std::ptr::eq(self, &LATER_ZH) {
            &VIEWS_ZH
        } else {
            &VIEWS_EN
        }
    }
}

/// The strings for `lang`.
pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// English is written with English punctuation (a full-width colon
    /// or full stop copied from the Chinese reads as a typo to a proxy).
    #[wasm_bindgen_test]
    fn english_strings_have_no_full_width_punctuation() {
        let bad: Vec<_> = all_en().into_iter().filter(|(_, en)| en.contains(['：', '，', '。', '；', '（', '）', '！', '？', '、'])).collect();
        assert_eq!(bad, Vec::<(&str, &str)>::new());
    }

    #[wasm_bindgen_test]
    fn strings_past_home_follow_the_language() {
        // A first-module field and a later one (through `Deref`), each language.
        assert_eq!(text(Lang::Zh).start, "开始");
        assert_eq!(text(Lang::En).start, "Start");
        assert_eq!(text(Lang::Zh).step_of, "第 {n} 步，共 {total} 步");
        assert_eq!(text(Lang::En).step_of, "Step {n} of {total}");
        assert_eq!(text(Lang::En).continue_, "Continue");
        // And one of the third module's (through both `Deref`s).
        assert_eq!(text(Lang::Zh).inapp_wechat, "微信");
        assert_eq!(text(Lang::En).inapp_wechat, "WeChat");
    }
}

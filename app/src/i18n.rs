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
}

/// The strings for `lang`.
pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

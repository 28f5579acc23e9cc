#include "DemoNames.h"

namespace DemoNames {

const QStringList& firstNames()
{
    static const QStringList list = {
        // Women's names from across the country
        QStringLiteral("Aanya"), QStringLiteral("Aditi"), QStringLiteral("Ananya"), QStringLiteral("Anjali"),
        QStringLiteral("Anusha"), QStringLiteral("Aparna"), QStringLiteral("Bhavna"), QStringLiteral("Deepika"),
        QStringLiteral("Divya"), QStringLiteral("Durga"), QStringLiteral("Gayatri"), QStringLiteral("Harini"),
        QStringLiteral("Ishita"), QStringLiteral("Jyoti"), QStringLiteral("Kavya"), QStringLiteral("Keerthi"),
        QStringLiteral("Lakshmi"), QStringLiteral("Madhuri"), QStringLiteral("Meera"), QStringLiteral("Megha"),
        QStringLiteral("Neha"), QStringLiteral("Nandini"), QStringLiteral("Pooja"), QStringLiteral("Priya"),
        QStringLiteral("Rashmi"), QStringLiteral("Revathi"), QStringLiteral("Ritu"), QStringLiteral("Sakshi"),
        QStringLiteral("Shalini"), QStringLiteral("Shreya"), QStringLiteral("Simran"), QStringLiteral("Sneha"),
        QStringLiteral("Sunita"), QStringLiteral("Swati"), QStringLiteral("Tanvi"), QStringLiteral("Usha"),
        QStringLiteral("Vaishali"), QStringLiteral("Vidya"), QStringLiteral("Yamini"), QStringLiteral("Zoya"),
        QStringLiteral("Fatima"), QStringLiteral("Gurpreet"), QStringLiteral("Nirmala"), QStringLiteral("Pallavi"),
        QStringLiteral("Roshni"), QStringLiteral("Sangeeta"), QStringLiteral("Trisha"), QStringLiteral("Komal"),
        // Men's names
        QStringLiteral("Aarav"), QStringLiteral("Abhishek"), QStringLiteral("Aditya"), QStringLiteral("Ajay"),
        QStringLiteral("Akash"), QStringLiteral("Amit"), QStringLiteral("Anil"), QStringLiteral("Arjun"),
        QStringLiteral("Ashok"), QStringLiteral("Deepak"), QStringLiteral("Dinesh"), QStringLiteral("Gaurav"),
        QStringLiteral("Harish"), QStringLiteral("Imran"), QStringLiteral("Jatin"), QStringLiteral("Karan"),
        QStringLiteral("Karthik"), QStringLiteral("Kunal"), QStringLiteral("Mahesh"), QStringLiteral("Manish"),
        QStringLiteral("Mohit"), QStringLiteral("Naveen"), QStringLiteral("Nikhil"), QStringLiteral("Pankaj"),
        QStringLiteral("Pradeep"), QStringLiteral("Rahul"), QStringLiteral("Rajesh"), QStringLiteral("Rakesh"),
        QStringLiteral("Ramesh"), QStringLiteral("Ravi"), QStringLiteral("Rohan"), QStringLiteral("Sachin"),
        QStringLiteral("Sandeep"), QStringLiteral("Sanjay"), QStringLiteral("Santosh"), QStringLiteral("Siddharth"),
        QStringLiteral("Sudhir"), QStringLiteral("Suresh"), QStringLiteral("Tarun"), QStringLiteral("Varun"),
        QStringLiteral("Vijay"), QStringLiteral("Vikram"), QStringLiteral("Vinod"), QStringLiteral("Vivek"),
        QStringLiteral("Yash"), QStringLiteral("Faisal"), QStringLiteral("Harpreet"), QStringLiteral("Manoj"),
        QStringLiteral("Prakash"), QStringLiteral("Sameer"), QStringLiteral("Venkatesh"), QStringLiteral("Zaid")};
    return list;
}

const QStringList& lastNames()
{
    static const QStringList list = {
        QStringLiteral("Agarwal"),    QStringLiteral("Ahmed"),      QStringLiteral("Bansal"),
        QStringLiteral("Banerjee"),   QStringLiteral("Bhat"),       QStringLiteral("Bose"),
        QStringLiteral("Chatterjee"), QStringLiteral("Chauhan"),    QStringLiteral("Chopra"),
        QStringLiteral("Das"),        QStringLiteral("Desai"),      QStringLiteral("Deshmukh"),
        QStringLiteral("Dubey"),      QStringLiteral("Gill"),       QStringLiteral("Goel"),
        QStringLiteral("Gowda"),      QStringLiteral("Gupta"),      QStringLiteral("Iyer"),
        QStringLiteral("Jain"),       QStringLiteral("Joshi"),      QStringLiteral("Kapoor"),
        QStringLiteral("Khan"),       QStringLiteral("Kulkarni"),   QStringLiteral("Kumar"),
        QStringLiteral("Malhotra"),   QStringLiteral("Menon"),      QStringLiteral("Mehta"),
        QStringLiteral("Mishra"),     QStringLiteral("Mukherjee"),  QStringLiteral("Naidu"),
        QStringLiteral("Nair"),       QStringLiteral("Pandey"),     QStringLiteral("Patel"),
        QStringLiteral("Patil"),      QStringLiteral("Pillai"),     QStringLiteral("Prasad"),
        QStringLiteral("Qureshi"),    QStringLiteral("Rao"),        QStringLiteral("Reddy"),
        QStringLiteral("Saxena"),     QStringLiteral("Sethi"),      QStringLiteral("Shah"),
        QStringLiteral("Sharma"),     QStringLiteral("Shetty"),     QStringLiteral("Singh"),
        QStringLiteral("Sinha"),      QStringLiteral("Srivastava"), QStringLiteral("Subramanian"),
        QStringLiteral("Thakur"),     QStringLiteral("Tiwari"),     QStringLiteral("Trivedi"),
        QStringLiteral("Varma"),      QStringLiteral("Verma"),      QStringLiteral("Yadav"),
        QStringLiteral("Hegde"),      QStringLiteral("Kaur"),       QStringLiteral("Mathew"),
        QStringLiteral("Chaudhary"),  QStringLiteral("Rathore"),    QStringLiteral("Ghosh")};
    return list;
}

const QList<City>& cities()
{
    // Pincode prefixes are the real first three digits of each city's head post office region.
    static const QList<City> list = {
        {QStringLiteral("Mumbai"), QStringLiteral("Maharashtra"), 400, 14},
        {QStringLiteral("Pune"), QStringLiteral("Maharashtra"), 411, 8},
        {QStringLiteral("Nagpur"), QStringLiteral("Maharashtra"), 440, 3},
        {QStringLiteral("Nashik"), QStringLiteral("Maharashtra"), 422, 2},
        {QStringLiteral("New Delhi"), QStringLiteral("Delhi"), 110, 12},
        {QStringLiteral("Noida"), QStringLiteral("Uttar Pradesh"), 201, 4},
        {QStringLiteral("Gurugram"), QStringLiteral("Haryana"), 122, 4},
        {QStringLiteral("Faridabad"), QStringLiteral("Haryana"), 121, 2},
        {QStringLiteral("Bengaluru"), QStringLiteral("Karnataka"), 560, 12},
        {QStringLiteral("Mysuru"), QStringLiteral("Karnataka"), 570, 2},
        {QStringLiteral("Mangaluru"), QStringLiteral("Karnataka"), 575, 1},
        {QStringLiteral("Hyderabad"), QStringLiteral("Telangana"), 500, 9},
        {QStringLiteral("Warangal"), QStringLiteral("Telangana"), 506, 1},
        {QStringLiteral("Chennai"), QStringLiteral("Tamil Nadu"), 600, 8},
        {QStringLiteral("Coimbatore"), QStringLiteral("Tamil Nadu"), 641, 3},
        {QStringLiteral("Madurai"), QStringLiteral("Tamil Nadu"), 625, 2},
        {QStringLiteral("Tiruppur"), QStringLiteral("Tamil Nadu"), 641, 2},
        {QStringLiteral("Kolkata"), QStringLiteral("West Bengal"), 700, 7},
        {QStringLiteral("Siliguri"), QStringLiteral("West Bengal"), 734, 1},
        {QStringLiteral("Ahmedabad"), QStringLiteral("Gujarat"), 380, 6},
        {QStringLiteral("Surat"), QStringLiteral("Gujarat"), 395, 6},
        {QStringLiteral("Vadodara"), QStringLiteral("Gujarat"), 390, 2},
        {QStringLiteral("Rajkot"), QStringLiteral("Gujarat"), 360, 2},
        {QStringLiteral("Jaipur"), QStringLiteral("Rajasthan"), 302, 5},
        {QStringLiteral("Jodhpur"), QStringLiteral("Rajasthan"), 342, 2},
        {QStringLiteral("Udaipur"), QStringLiteral("Rajasthan"), 313, 1},
        {QStringLiteral("Lucknow"), QStringLiteral("Uttar Pradesh"), 226, 4},
        {QStringLiteral("Kanpur"), QStringLiteral("Uttar Pradesh"), 208, 2},
        {QStringLiteral("Varanasi"), QStringLiteral("Uttar Pradesh"), 221, 2},
        {QStringLiteral("Agra"), QStringLiteral("Uttar Pradesh"), 282, 1},
        {QStringLiteral("Indore"), QStringLiteral("Madhya Pradesh"), 452, 3},
        {QStringLiteral("Bhopal"), QStringLiteral("Madhya Pradesh"), 462, 2},
        {QStringLiteral("Patna"), QStringLiteral("Bihar"), 800, 3},
        {QStringLiteral("Ranchi"), QStringLiteral("Jharkhand"), 834, 2},
        {QStringLiteral("Raipur"), QStringLiteral("Chhattisgarh"), 492, 1},
        {QStringLiteral("Bhubaneswar"), QStringLiteral("Odisha"), 751, 2},
        {QStringLiteral("Guwahati"), QStringLiteral("Assam"), 781, 2},
        {QStringLiteral("Kochi"), QStringLiteral("Kerala"), 682, 3},
        {QStringLiteral("Thiruvananthapuram"), QStringLiteral("Kerala"), 695, 2},
        {QStringLiteral("Kozhikode"), QStringLiteral("Kerala"), 673, 1},
        {QStringLiteral("Visakhapatnam"), QStringLiteral("Andhra Pradesh"), 530, 2},
        {QStringLiteral("Vijayawada"), QStringLiteral("Andhra Pradesh"), 520, 2},
        {QStringLiteral("Chandigarh"), QStringLiteral("Chandigarh"), 160, 2},
        {QStringLiteral("Ludhiana"), QStringLiteral("Punjab"), 141, 2},
        {QStringLiteral("Amritsar"), QStringLiteral("Punjab"), 143, 1},
        {QStringLiteral("Dehradun"), QStringLiteral("Uttarakhand"), 248, 1},
        {QStringLiteral("Panaji"), QStringLiteral("Goa"), 403, 1},
        {QStringLiteral("Jammu"), QStringLiteral("Jammu and Kashmir"), 180, 1},
        {QStringLiteral("Shimla"), QStringLiteral("Himachal Pradesh"), 171, 1},
        {QStringLiteral("Puducherry"), QStringLiteral("Puducherry"), 605, 1},
    };
    return list;
}

const QStringList& streets()
{
    static const QStringList list = {
        QStringLiteral("MG Road"),        QStringLiteral("Station Road"),     QStringLiteral("Nehru Street"),
        QStringLiteral("Gandhi Road"),    QStringLiteral("Main Bazaar Road"), QStringLiteral("Temple Street"),
        QStringLiteral("Church Road"),    QStringLiteral("Market Road"),      QStringLiteral("Link Road"),
        QStringLiteral("Ring Road"),      QStringLiteral("Tilak Road"),       QStringLiteral("Subhash Marg"),
        QStringLiteral("Patel Chowk"),    QStringLiteral("Shivaji Path"),     QStringLiteral("Lake View Road"),
        QStringLiteral("College Road"),   QStringLiteral("Hospital Road"),    QStringLiteral("Old Bus Stand Road"),
        QStringLiteral("1st Cross Road"), QStringLiteral("4th Main Road"),    QStringLiteral("Sector 15 Road"),
        QStringLiteral("Ambedkar Marg"),  QStringLiteral("Rajaji Street"),    QStringLiteral("Canal Road")};
    return list;
}

const QStringList& localities()
{
    static const QStringList list = {
        QStringLiteral("Shanti Nagar"),   QStringLiteral("Gandhi Nagar"),   QStringLiteral("Indira Colony"),
        QStringLiteral("Civil Lines"),    QStringLiteral("Model Town"),     QStringLiteral("Rajendra Nagar"),
        QStringLiteral("Sai Residency"),  QStringLiteral("Green Park"),     QStringLiteral("Ashok Vihar"),
        QStringLiteral("Anand Nagar"),    QStringLiteral("Vasant Enclave"), QStringLiteral("Krishna Apartments"),
        QStringLiteral("Old Town"),       QStringLiteral("New Colony"),     QStringLiteral("Laxmi Nagar"),
        QStringLiteral("Saraswati Vihar")};
    return list;
}

const QStringList& emailDomains()
{
    // Repeated entries are weights: most Indian customers sign up with Gmail.
    static const QStringList list = {
        QStringLiteral("gmail.com"),   QStringLiteral("gmail.com"),      QStringLiteral("gmail.com"),
        QStringLiteral("gmail.com"),   QStringLiteral("gmail.com"),      QStringLiteral("gmail.com"),
        QStringLiteral("yahoo.co.in"), QStringLiteral("yahoo.com"),      QStringLiteral("outlook.com"),
        QStringLiteral("hotmail.com"), QStringLiteral("rediffmail.com"), QStringLiteral("icloud.com")};
    return list;
}

const QList<BusinessProfile>& businessProfiles()
{
    static const QList<BusinessProfile> list = {
        {QStringLiteral("complete-beginner"), QStringLiteral("Not selling yet, working a salaried job")},
        {QStringLiteral("complete-beginner"), QStringLiteral("Student, planning to start an online store")},
        {QStringLiteral("complete-beginner"), QStringLiteral("Homemaker with a small tailoring business")},
        {QStringLiteral("complete-beginner"), QStringLiteral("Family runs a kirana store, nothing online")},
        {QStringLiteral("some-knowledge"), QStringLiteral("Selling handmade jewellery on Instagram")},
        {QStringLiteral("some-knowledge"), QStringLiteral("Reselling kurtis through WhatsApp groups")},
        {QStringLiteral("some-knowledge"), QStringLiteral("Registered on Meesho, a few orders so far")},
        {QStringLiteral("some-knowledge"), QStringLiteral("Home bakery taking orders locally")},
        {QStringLiteral("currently-selling"), QStringLiteral("Selling sarees on Amazon.in and Flipkart")},
        {QStringLiteral("currently-selling"),
         QStringLiteral("Kitchenware store on Amazon.in, about 40 orders a month")},
        {QStringLiteral("currently-selling"), QStringLiteral("Organic spices brand on Flipkart")},
        {QStringLiteral("currently-selling"), QStringLiteral("Phone accessories reseller on Meesho")},
        {QStringLiteral("experienced"), QStringLiteral("Textile manufacturer in Surat, wholesale and online")},
        {QStringLiteral("experienced"), QStringLiteral("Own D2C brand of ayurvedic skincare")},
        {QStringLiteral("experienced"), QStringLiteral("Leather goods exporter moving to marketplaces")},
        {QStringLiteral("experienced"), QStringLiteral("Multi-brand electronics seller, 3 marketplaces")}};
    return list;
}

const QStringList& goals()
{
    static const QStringList list = {QStringLiteral("Launch my first store on Amazon.in"),
                                     QStringLiteral("Reach Rs 1 lakh in monthly sales"),
                                     QStringLiteral("Start selling on Flipkart and Meesho too"),
                                     QStringLiteral("Build my own brand instead of reselling"),
                                     QStringLiteral("Understand GST filing and stay compliant"),
                                     QStringLiteral("Run profitable ads without wasting money"),
                                     QStringLiteral("Sell internationally through Amazon Global"),
                                     QStringLiteral("Quit my job and sell online full time"),
                                     QStringLiteral("Improve listings and get more organic orders"),
                                     QStringLiteral("Hire a small team and automate operations"),
                                     QStringLiteral("Take my family business online"),
                                     QStringLiteral("Earn a side income from home")};
    return list;
}

} // namespace DemoNames
